#include "h2_response.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <utility>
#include <vector>

namespace processor_sim {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Connection-specific fields are malformed in HTTP/2 (RFC 9113 8.2.2); content-length is ours.
bool dropped_on_h2(const std::string& name) {
  static constexpr std::array<std::string_view, 6> names = {"connection",       "keep-alive",
                                                            "proxy-connection", "transfer-encoding",
                                                            "upgrade",          "content-length"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

ssize_t read_reply(nghttp2_session*, std::int32_t, std::uint8_t* buf, std::size_t length,
                   std::uint32_t* data_flags, nghttp2_data_source* source, void*) {
  auto& st = *static_cast<h2_stream*>(source->ptr);
  std::size_t end = st.reply.size();
  if (st.mode == wire_action::truncate) {
    // Half the promised body, then RST_STREAM(INTERNAL_ERROR) from nghttp2.
    end /= 2;
    if (st.sent == end) return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
  }
  if (st.mode == wire_action::slow_loris && st.sent < end) {
    if (st.allowance == 0) return NGHTTP2_ERR_DEFERRED;  // resumed by the drip timer
    length = std::min(length, st.allowance);
    st.allowance -= std::min(length, end - st.sent);
  }
  const std::size_t n = std::min(length, end - st.sent);
  std::memcpy(buf, st.reply.data() + st.sent, n);
  st.sent += n;
  if (st.sent == st.reply.size()) *data_flags |= NGHTTP2_DATA_FLAG_EOF;
  return static_cast<ssize_t>(n);
}

}  // namespace

void h2_stream::add_header(std::string_view name, std::string_view value) {
  if (name == ":method") {
    method = value;
  } else if (name == ":path") {
    path = value;
  } else if (name == ":authority") {
    authority = value;
  } else if (!name.empty() && name.front() != ':') {
    headers[lower(name)] = std::string(value);
  }
}

sim_request h2_stream::to_request() {
  sim_request req = make_request(method, path);
  req.headers = std::move(headers);
  if (!authority.empty()) req.headers.emplace("host", authority);
  req.body = std::move(body);
  return req;
}

int h2_stream::submit(nghttp2_session* session, sim_response& out) {
  std::vector<std::pair<std::string, std::string>> fields;
  auto set = [&fields](std::string name, std::string value) {
    for (auto& f : fields) {
      if (f.first == name) {
        f.second = std::move(value);
        return;
      }
    }
    fields.emplace_back(std::move(name), std::move(value));
  };
  set(":status", std::to_string(out.status));
  set("server", "processor-sim");
  const bool bodiless = out.status == 204 || out.status == 304;
  // A bodiless reply (204, Checkout.com's empty 401) carries no Content-Type, as on HTTP/1.1.
  if (!out.content_type.empty() && (!out.body.empty() || out.status != 204)) {
    set("content-type", out.content_type);
  }
  for (auto& [name, value] : out.headers) {
    std::string n = lower(name);
    if (!dropped_on_h2(n) && n != ":status") set(std::move(n), value);
  }
  // truncate promises the full length, as its HTTP/1.1 form does.
  if (!bodiless) set("content-length", std::to_string(out.body.size()));

  std::vector<nghttp2_nv> nva;
  nva.reserve(fields.size());
  for (auto& [name, value] : fields) {
    nva.push_back({reinterpret_cast<std::uint8_t*>(name.data()),
                   reinterpret_cast<std::uint8_t*>(value.data()), name.size(), value.size(),
                   NGHTTP2_NV_FLAG_NONE});
  }
  mode = out.action;
  reply = bodiless ? std::string{} : std::move(out.body);
  sent = 0;
  const bool no_data = reply.empty() && mode != wire_action::truncate;
  nghttp2_data_provider provider{};
  provider.source.ptr = this;
  provider.read_callback = &read_reply;
  return nghttp2_submit_response(session, stream_id, nva.data(), nva.size(),
                                 no_data ? nullptr : &provider);
}

}  // namespace processor_sim
