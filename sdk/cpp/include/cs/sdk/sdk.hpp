#pragma once

// Everything of the C++ client library: #include "cs/sdk/sdk.hpp".
#include "cs/sdk/client.hpp"
#include "cs/sdk/error.hpp"
#include "cs/sdk/ids.hpp"
#include "cs/sdk/options.hpp"
#include "cs/sdk/redact.hpp"
#include "cs/sdk/result.hpp"
#include "cs/sdk/retry.hpp"
#include "cs/sdk/webhooks.hpp"
