// Typed errors: a non-OK gRPC status decoded from its google.rpc.Status details
// (grpc-status-details-bin): ErrorInfo, BadRequest and RetryInfo, docs/api.md §4.
import { Metadata, status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { ErrorReason, errorReasonFromJSON } from "./gen/connectorservice/v1/errors";
import { BadRequest, ErrorInfo, RetryInfo } from "./gen/google/rpc/error_details";
import { Status } from "./gen/google/rpc/status";
import { scrubText } from "./redact";

export { ErrorReason };

/** ErrorInfo.domain of this API's errors. */
export const ERROR_DOMAIN = "connectorservice.v1";
export const STATUS_DETAILS_KEY = "grpc-status-details-bin";

const TYPE_PREFIX = "type.googleapis.com/";
const ERROR_INFO_TYPE = TYPE_PREFIX + "google.rpc.ErrorInfo";
const BAD_REQUEST_TYPE = TYPE_PREFIX + "google.rpc.BadRequest";
const RETRY_INFO_TYPE = TYPE_PREFIX + "google.rpc.RetryInfo";

export interface FieldViolation {
  field: string;
  description: string;
}

/** What google.rpc.Status in grpc-status-details-bin said. */
export interface StatusDetails {
  code?: number;
  message?: string;
  errorInfo?: { reason: string; domain: string; metadata: Record<string, string> };
  fieldViolations: FieldViolation[];
  retryDelayMs?: number;
}

/** Decodes a serialized google.rpc.Status (the value of grpc-status-details-bin). */
export function decodeStatusDetails(bin: Uint8Array): StatusDetails {
  const st = Status.decode(bin);
  const out: StatusDetails = { code: st.code, message: st.message, fieldViolations: [] };
  for (const any of st.details) {
    try {
      if (any.typeUrl === ERROR_INFO_TYPE && out.errorInfo === undefined) {
        const info = ErrorInfo.decode(any.value);
        out.errorInfo = { reason: info.reason, domain: info.domain, metadata: { ...info.metadata } };
      } else if (any.typeUrl === BAD_REQUEST_TYPE) {
        for (const v of BadRequest.decode(any.value).fieldViolations) {
          out.fieldViolations.push({ field: v.field, description: v.description });
        }
      } else if (any.typeUrl === RETRY_INFO_TYPE) {
        const d = RetryInfo.decode(any.value).retryDelay;
        if (d) out.retryDelayMs = Math.max(0, d.seconds * 1000 + Math.round(d.nanos / 1e6));
      }
    } catch {
      // A detail that does not decode is skipped; the rest still counts.
    }
  }
  return out;
}

function codeName(code: number): string {
  return (GrpcStatus as unknown as Record<number, string>)[code] ?? `CODE_${code}`;
}

function firstString(md: Metadata | undefined, key: string): string | undefined {
  const v = md?.get(key)?.[0];
  if (v === undefined) return undefined;
  return typeof v === "string" ? v : v.toString("utf8");
}

export interface ConnectorServiceErrorInit {
  code: number;
  details: string;
  statusDetails?: StatusDetails;
  requestId?: string;
  processorAttempts?: number;
  /** RPC path, e.g. /connectorservice.v1.PaymentService/Authorize. */
  method?: string;
  cause?: unknown;
  /** Secret request values (card number, CVC, wallet tokens) to scrub from every text field. */
  secrets?: readonly string[];
}

/**
 * A call that ended with a non-OK gRPC status. `reason` is ErrorInfo.reason as sent (an open set:
 * a reason this SDK does not know stays a string, and `errorReason` is then undefined — switch
 * on known reasons, fall back to `code`).
 */
export class ConnectorServiceError extends Error {
  override readonly name = "ConnectorServiceError";
  /** The gRPC status code (grpc.status). */
  readonly code: number;
  /** Its name, e.g. "INVALID_ARGUMENT". */
  readonly codeName: string;
  /** The status message (the server never puts card data or secrets in it; scrubbed anyway). */
  readonly details: string;
  /** ErrorInfo.reason, e.g. "INVALID_FIELD"; the gRPC code's name when no ErrorInfo came. */
  readonly reason: string;
  /** The ErrorReason value of `reason` when this SDK knows it, else undefined. */
  readonly errorReason: ErrorReason | undefined;
  readonly domain: string | undefined;
  /** ErrorInfo.metadata: connector, flow, field, processorCode, processorMessage, retryable. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly connector: string | undefined;
  readonly flow: string | undefined;
  readonly field: string | undefined;
  readonly fieldViolations: readonly FieldViolation[];
  /** True only when the server said so (ErrorInfo metadata retryable = "true"). */
  readonly retryable: boolean;
  /** google.rpc.RetryInfo's delay, when sent. */
  readonly retryDelayMs: number | undefined;
  readonly requestId: string | undefined;
  readonly processorCode: string | undefined;
  readonly processorMessage: string | undefined;
  /** Trailing metadata x-processor-attempts, when the call reached its flow. */
  readonly processorAttempts: number | undefined;
  readonly method: string | undefined;
  /** Whether ErrorInfo was present (an error from the service rather than from the transport). */
  readonly hasErrorInfo: boolean;

  constructor(init: ConnectorServiceErrorInit) {
    const sd = init.statusDetails;
    const info = sd?.errorInfo;
    const reason = info?.reason || codeName(init.code);
    const scrub = (t: string): string => scrubText(t, init.secrets ?? []);
    const details = scrub(init.details ?? "");
    super(`${codeName(init.code)} ${reason}: ${details}`, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.code = init.code;
    this.codeName = codeName(init.code);
    this.details = details;
    this.reason = reason;
    const known = errorReasonFromJSON(`ERROR_REASON_${reason}`);
    this.errorReason = known === ErrorReason.UNRECOGNIZED || !info ? undefined : known;
    this.domain = info?.domain;
    const md: Record<string, string> = {};
    for (const [k, v] of Object.entries(info?.metadata ?? {})) md[k] = scrub(v);
    this.metadata = Object.freeze(md);
    this.connector = md.connector;
    this.flow = md.flow;
    this.fieldViolations = Object.freeze((sd?.fieldViolations ?? []).map((v) => ({ field: v.field, description: scrub(v.description) })));
    this.field = md.field ?? this.fieldViolations[0]?.field;
    this.retryable = md.retryable === "true";
    this.retryDelayMs = sd?.retryDelayMs;
    this.requestId = init.requestId;
    this.processorCode = md.processorCode;
    this.processorMessage = md.processorMessage;
    this.processorAttempts = init.processorAttempts;
    this.method = init.method;
    this.hasErrorInfo = info !== undefined;
  }

  /**
   * The operation may have happened (OUTCOME_UNKNOWN; or the call ended by the client's own
   * deadline, or with UNKNOWN, without an answer from the service): Get it, or retry with the
   * same idempotency key.
   */
  isOutcomeUnknown(): boolean {
    if (this.errorReason === ErrorReason.ERROR_REASON_OUTCOME_UNKNOWN || this.reason === "OUTCOME_UNKNOWN") return true;
    return !this.hasErrorInfo && (this.code === GrpcStatus.DEADLINE_EXCEEDED || this.code === GrpcStatus.UNKNOWN);
  }

  /** A redaction-safe summary for logs. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.codeName,
      reason: this.reason,
      details: this.details,
      domain: this.domain,
      field: this.field,
      retryable: this.retryable,
      retryDelayMs: this.retryDelayMs,
      requestId: this.requestId,
      processorCode: this.processorCode,
      processorMessage: this.processorMessage,
      metadata: this.metadata,
    };
  }
}

/** Builds a ConnectorServiceError from a grpc-js ServiceError (its trailing metadata). */
export function fromServiceError(
  err: ServiceError,
  extra: { requestId?: string; method?: string; secrets?: readonly string[] } = {},
): ConnectorServiceError {
  const md = err.metadata instanceof Metadata ? err.metadata : undefined;
  let statusDetails: StatusDetails | undefined;
  const bin = md?.get(STATUS_DETAILS_KEY)?.[0];
  if (bin !== undefined && typeof bin !== "string") {
    try {
      statusDetails = decodeStatusDetails(bin);
    } catch {
      statusDetails = undefined;
    }
  }
  const attempts = firstString(md, "x-processor-attempts");
  return new ConnectorServiceError({
    code: err.code ?? GrpcStatus.UNKNOWN,
    details: err.details ?? "",
    statusDetails,
    requestId: firstString(md, "x-request-id") ?? extra.requestId,
    processorAttempts: attempts !== undefined && /^\d+$/.test(attempts) ? Number(attempts) : undefined,
    method: extra.method,
    secrets: extra.secrets,
  });
}
