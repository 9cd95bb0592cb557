// The GraphQL reader: a hand-written recursive-descent parser over the executable-definition
// grammar of the GraphQL spec (October 2021), minus directives and block strings.
#include "braintree_graphql.hpp"
#include "braintree_graphql_lex.hpp"

#include <cctype>

namespace processor_sim::braintree::gql {
namespace {

bool name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

class parser {
 public:
  explicit parser(const std::string& text) : s_(text) {}

  document run() {
    document doc;
    skip();
    if (i_ >= s_.size()) fail("Unexpected end of document");
    while (i_ < s_.size()) {
      if (peek('{')) {
        operation op;
        op.at = here();
        op.selections = selection_set();
        doc.operations.push_back(std::move(op));
      } else {
        const location at = here();
        const std::string word = name();
        if (word == "query" || word == "mutation") {
          doc.operations.push_back(operation_rest(word, at));
        } else if (word == "fragment") {
          fragment f = fragment_rest(at);
          if (doc.fragments.count(f.name)) {
            throw error("There can be only one fragment named \"" + f.name + "\".", at);
          }
          doc.fragments.emplace(f.name, std::move(f));
        } else if (word == "subscription") {
          throw error("Schema is not configured for subscriptions.", at);
        } else {
          throw error("Unexpected Name \"" + word + "\".", at);
        }
      }
    }
    return doc;
  }

 private:
  [[noreturn]] void fail(const std::string& what) { throw error("Syntax Error: " + what, here()); }

  location here() const {
    location at{1, 1};
    for (std::size_t k = 0; k < i_ && k < s_.size(); ++k) {
      if (s_[k] == '\n') {
        ++at.line;
        at.column = 1;
      } else {
        ++at.column;
      }
    }
    return at;
  }

  // Whitespace, commas, line terminators and comments are insignificant.
  void skip() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
        ++i_;
      } else if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
      } else if (static_cast<unsigned char>(c) == 0xEF && s_.compare(i_, 3, "\xEF\xBB\xBF") == 0) {
        i_ += 3;  // byte order mark
      } else {
        return;
      }
    }
  }

  bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }

  void expect(char c) {
    if (!peek(c)) {
      fail(std::string("Expected \"") + c + "\", found " +
           (i_ < s_.size() ? "\"" + std::string(1, s_[i_]) + "\"" : "<EOF>") + ".");
    }
    ++i_;
    skip();
  }

  bool accept_spread() {
    if (s_.compare(i_, 3, "...") != 0) return false;
    i_ += 3;
    skip();
    return true;
  }

  std::string name() {
    if (i_ >= s_.size() || !name_start(s_[i_])) fail("Expected Name.");
    const std::size_t start = i_;
    while (i_ < s_.size() && name_char(s_[i_])) ++i_;
    std::string out = s_.substr(start, i_ - start);
    skip();
    return out;
  }

  operation operation_rest(const std::string& type, location at) {
    operation op;
    op.type = type;
    op.at = at;
    if (i_ < s_.size() && name_start(s_[i_])) op.name = name();
    if (peek('(')) {
      expect('(');
      while (!peek(')')) {
        variable_definition d;
        expect('$');
        d.name = name();
        expect(':');
        d.type = type_ref();
        d.non_null = !d.type.empty() && d.type.back() == '!';
        if (peek('=')) {
          expect('=');
          d.has_default = true;
          d.default_value = value_of(true);
        }
        no_directives();
        op.variables.push_back(std::move(d));
      }
      expect(')');
    }
    no_directives();
    op.selections = selection_set();
    return op;
  }

  std::string type_ref() {
    std::string out;
    if (peek('[')) {
      expect('[');
      out = "[" + type_ref() + "]";
      expect(']');
    } else {
      out = name();
    }
    if (peek('!')) {
      expect('!');
      out += "!";
    }
    return out;
  }

  fragment fragment_rest(location at) {
    fragment f;
    f.at = at;
    f.name = name();
    if (f.name == "on") fail("Unexpected Name \"on\".");
    if (name() != "on") fail("Expected \"on\".");
    f.type_condition = name();
    no_directives();
    f.selections = selection_set();
    return f;
  }

  void no_directives() {
    if (peek('@')) throw error("Directives are not supported by the simulator.", here());
  }

  std::vector<selection> selection_set() {
    expect('{');
    std::vector<selection> out;
    while (!peek('}')) {
      if (i_ >= s_.size()) fail("Expected Name, found <EOF>.");
      out.push_back(selection_of());
    }
    expect('}');
    if (out.empty()) fail("Expected Name, found \"}\".");
    return out;
  }

  selection selection_of() {
    selection sel;
    sel.at = here();
    if (accept_spread()) {
      if (peek('{')) {
        sel.k = selection::kind::inline_fragment;
      } else {
        const std::string word = name();
        if (word == "on") {
          sel.k = selection::kind::inline_fragment;
          sel.type_condition = name();
        } else {
          sel.k = selection::kind::spread;
          sel.name = word;
          no_directives();
          return sel;
        }
      }
      no_directives();
      sel.children = selection_set();
      return sel;
    }
    sel.name = name();
    if (peek(':')) {
      expect(':');
      sel.alias = sel.name;
      sel.name = name();
    }
    if (peek('(')) {
      expect('(');
      while (!peek(')')) {
        std::string arg = name();
        expect(':');
        sel.arguments.emplace_back(std::move(arg), value_of(false));
      }
      expect(')');
      if (sel.arguments.empty()) fail("Expected Name, found \")\".");
    }
    no_directives();
    if (peek('{')) sel.children = selection_set();
    return sel;
  }

  value value_of(bool constant) {
    value v;
    v.at = here();
    if (i_ >= s_.size()) fail("Unexpected <EOF>.");
    const char c = s_[i_];
    if (c == '$') {
      if (constant) fail("Unexpected variable in a constant value.");
      ++i_;
      v.k = value::kind::variable;
      v.text = name();
    } else if (c == '"') {
      v.k = value::kind::string;
      v.text = string_literal();
    } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      number(v);
    } else if (c == '[') {
      expect('[');
      v.k = value::kind::list;
      while (!peek(']')) v.items.push_back(value_of(constant));
      expect(']');
    } else if (c == '{') {
      expect('{');
      v.k = value::kind::object;
      while (!peek('}')) {
        std::string key = name();
        expect(':');
        v.fields.emplace_back(std::move(key), value_of(constant));
      }
      expect('}');
    } else {
      v.text = name();
      v.k = v.text == "true" || v.text == "false" ? value::kind::boolean
            : v.text == "null"                    ? value::kind::null
                                                  : value::kind::enumeration;
    }
    return v;
  }

  void number(value& v) {
    try {
      const bool floating = lex_number(s_, i_, v.text);
      v.k = floating ? value::kind::floating : value::kind::integer;
    } catch (const lex_error& e) {
      fail(e.what());
    }
    skip();
  }

  std::string string_literal() {
    if (s_.compare(i_, 3, "\"\"\"") == 0) {
      throw error("Block strings are not supported by the simulator.", here());
    }
    std::string out;
    try {
      out = lex_string(s_, i_);
    } catch (const lex_error& e) {
      fail(e.what());
    }
    skip();
    return out;
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

}  // namespace

document parse(const std::string& text) {
  return parser(text).run();
}

}  // namespace processor_sim::braintree::gql
