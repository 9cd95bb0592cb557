// @connector-service/client — TypeScript / Node.js client of Connector Service (connectorservice.v1).
export { ConnectorClient } from "./client";
export type { CallInfo, CallOptions, ConnectorClientOptions, DeepPartial, HandleWebhookInput } from "./client";
export {
  ConnectorServiceError,
  decodeStatusDetails,
  ERROR_DOMAIN,
  ErrorReason,
  fromServiceError,
  STATUS_DETAILS_KEY,
} from "./errors";
export type { FieldViolation, StatusDetails } from "./errors";
export { backoffDelayMs, DEFAULT_RETRY, isRetryable, withRetry } from "./retry";
export type { RetryContext, RetryOptions } from "./retry";
export {
  normalizeHeaders,
  parseRelay,
  SIGNATURE_HEADER,
  signRelay,
  verifyRelaySignature,
  WebhookSignatureError,
} from "./webhooks";
export type { HeaderInput, RelayVerifyOptions, WebhookSignatureFailure } from "./webhooks";
export { maskAccountNumber, maskCardNumber, maskIban, redact, redactToString, scrubText, secretsOf } from "./redact";
export { status as GrpcStatus } from "@grpc/grpc-js";

// Generated types and enums of the API (ts-proto; messages are plain objects with
// encode/decode/fromJSON/toJSON/fromPartial helpers of the same name).
export * from "./gen/api";
