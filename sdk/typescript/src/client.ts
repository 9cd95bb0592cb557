// ConnectorClient: a promise API over the generated grpc-js service definitions, with
// credentials metadata, deadlines, automatic idempotency keys, typed errors and optional retries.
import { randomUUID } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import type { DeepPartial } from "./gen/connectorservice/v1/common";
import {
  AcceptDisputeRequest,
  DefendDisputeRequest,
  Dispute,
  DisputeServiceService,
  GetDisputeRequest,
  SubmitEvidenceRequest,
} from "./gen/connectorservice/v1/dispute";
import { EventServiceService, HandleWebhookRequest, HandleWebhookResponse } from "./gen/connectorservice/v1/event";
import {
  AuthorizeRequest,
  CaptureRequest,
  CompleteAuthorizeRequest,
  GetPaymentRequest,
  Payment,
  PaymentServiceService,
  Refund,
  RefundRequest,
  SetupMandateRequest,
  SetupMandateResponse,
  VoidRequest,
} from "./gen/connectorservice/v1/payment";
import {
  RecurringChargeRequest,
  RecurringServiceService,
  RevokeMandateRequest,
  RevokeMandateResponse,
} from "./gen/connectorservice/v1/recurring";
import { GetRefundRequest, RefundServiceService } from "./gen/connectorservice/v1/refund";
import { ConnectorServiceError, fromServiceError } from "./errors";
import { redactToString, secretsOf } from "./redact";
import { withRetry, type RetryOptions } from "./retry";
import { normalizeHeaders, type HeaderInput } from "./webhooks";

export type { DeepPartial };

export interface ConnectorClientOptions {
  /** host:port of connector-service's gRPC port. */
  address: string;
  /** true: TLS with the system roots; or grpc-js ChannelCredentials (e.g. mutual TLS). Default plaintext. */
  tls?: boolean | grpc.ChannelCredentials;
  /** Sent as `authorization: Bearer <apiKey>` when the service has API clients configured. */
  apiKey?: string;
  /** Default `x-merchant-account` (a merchant account from the service's config). */
  merchantAccount?: string;
  /** Call credentials, each sent as `x-auth-<key>` (`_` → `-`), when no merchant account is named. */
  credentials?: Record<string, string>;
  /** Deadline of each call unless the call says otherwise (default 30 000 ms). */
  defaultDeadlineMs?: number;
  /** Retry calls the server marks retryable (default: no retries). Per call: `{retry}`. */
  retry?: RetryOptions | false;
  /** Give mutating calls without a key a UUIDv4 idempotency key (default true). */
  autoIdempotencyKey?: boolean;
  /** Debug lines (requests and responses, redacted): true → stderr, or a function. Also env CS_SDK_DEBUG=1. */
  debug?: boolean | ((line: string) => void);
  /** Extra grpc-js channel options. */
  channelOptions?: grpc.ChannelOptions;
}

export interface CallInfo {
  /** x-request-id the service answered with (initial metadata). */
  requestId?: string;
  /** Trailing metadata x-processor-attempts. */
  processorAttempts?: number;
  /** The idempotency key sent (mutating calls). */
  idempotencyKey?: string;
  /** Attempts made by the SDK (retries included). */
  attempts: number;
}

export interface CallOptions {
  deadlineMs?: number;
  /** x-merchant-account for this call (overrides the client's). */
  merchantAccount?: string;
  /** Used when the request has no idempotency_key. */
  idempotencyKey?: string;
  /** x-request-id. */
  requestId?: string;
  /** Call credentials for this call (x-auth-<key>), replacing the client's. */
  credentials?: Record<string, string>;
  /** Retries for this call (overrides the client's); false = none. */
  retry?: RetryOptions | false;
  /** Extra metadata entries. */
  metadata?: Record<string, string>;
  /** Told the request id, processor attempts and key once the call ended (OK or not). */
  onCallInfo?: (info: CallInfo) => void;
}

export interface HandleWebhookInput {
  connector: string;
  /** The headers as received (node's IncomingHttpHeaders fit). */
  headers: HeaderInput;
  /** The raw body, byte for byte. */
  body: Uint8Array | string;
  /** Verify with this merchant account's configured webhook secret (x-merchant-account). */
  merchantAccount?: string;
  /** Or with this secret (Adyen HMAC key in hex, Stripe whsec_…), sent as `x-webhook-secret`. */
  secret?: string;
}

interface RpcDef<Req, Res> {
  path: string;
  requestSerialize: (value: Req) => Buffer;
  responseDeserialize: (value: Buffer) => Res;
}

interface MessageType<T> {
  fromPartial(object: DeepPartial<T>): T;
}

const IDEMPOTENCY_FIELD = "idempotencyKey";

function toMetadataKey(key: string): string {
  const k = key.toLowerCase().replace(/_/g, "-");
  return k.startsWith("x-auth-") ? k : `x-auth-${k}`;
}

export class ConnectorClient {
  private readonly channel: grpc.Client;
  private readonly opts: ConnectorClientOptions;
  private readonly log: ((line: string) => void) | undefined;

  constructor(options: ConnectorClientOptions) {
    if (!options?.address) throw new TypeError("ConnectorClient: address is required");
    this.opts = { ...options };
    let creds: grpc.ChannelCredentials;
    if (options.tls instanceof grpc.ChannelCredentials) creds = options.tls;
    else if (options.tls === true) creds = grpc.credentials.createSsl();
    else creds = grpc.credentials.createInsecure();
    this.channel = new grpc.Client(options.address, creds, options.channelOptions ?? {});
    const debug = options.debug ?? (process.env.CS_SDK_DEBUG === "1" || process.env.CS_SDK_DEBUG === "true");
    this.log = typeof debug === "function" ? debug : debug ? (line) => process.stderr.write(line + "\n") : undefined;
  }

  /** Closes the channel. */
  close(): void {
    this.channel.close();
  }

  /** Resolves once the channel is connected (or rejects after `deadlineMs`). */
  waitForReady(deadlineMs = 5000): Promise<void> {
    return new Promise((resolve, reject) =>
      this.channel.waitForReady(Date.now() + deadlineMs, (err) => (err ? reject(err) : resolve())),
    );
  }

  // ---- PaymentService ----------------------------------------------------------------------

  /** Authorize a payment; CAPTURE_METHOD_MANUAL authorizes only, otherwise it is a sale. */
  authorize(request: DeepPartial<AuthorizeRequest>, options?: CallOptions): Promise<Payment> {
    return this.unary(PaymentServiceService.authorize, AuthorizeRequest, request, options, true);
  }
  /** Capture an authorized payment, fully or partially (amountToCapture). */
  capture(request: DeepPartial<CaptureRequest>, options?: CallOptions): Promise<Payment> {
    return this.unary(PaymentServiceService.capture, CaptureRequest, request, options, true);
  }
  /** Cancel an authorization before capture. */
  void(request: DeepPartial<VoidRequest>, options?: CallOptions): Promise<Payment> {
    return this.unary(PaymentServiceService.void, VoidRequest, request, options, true);
  }
  /** Read a payment's current state from the processor. */
  getPayment(request: DeepPartial<GetPaymentRequest>, options?: CallOptions): Promise<Payment> {
    return this.unary(PaymentServiceService.get, GetPaymentRequest, request, options, false);
  }
  /** Refund a captured payment, fully or partially. */
  refund(request: DeepPartial<RefundRequest>, options?: CallOptions): Promise<Refund> {
    return this.unary(PaymentServiceService.refund, RefundRequest, request, options, true);
  }
  /** Store a payment method for later merchant-initiated charges. */
  setupMandate(request: DeepPartial<SetupMandateRequest>, options?: CallOptions): Promise<SetupMandateResponse> {
    return this.unary(PaymentServiceService.setupMandate, SetupMandateRequest, request, options, true);
  }
  /** Finish a payment after the shopper came back from a redirect or 3DS challenge. */
  completeAuthorize(request: DeepPartial<CompleteAuthorizeRequest>, options?: CallOptions): Promise<Payment> {
    return this.unary(PaymentServiceService.completeAuthorize, CompleteAuthorizeRequest, request, options, true);
  }

  // ---- RefundService -----------------------------------------------------------------------

  getRefund(request: DeepPartial<GetRefundRequest>, options?: CallOptions): Promise<Refund> {
    return this.unary(RefundServiceService.get, GetRefundRequest, request, options, false);
  }

  // ---- RecurringService --------------------------------------------------------------------

  recurringCharge(request: DeepPartial<RecurringChargeRequest>, options?: CallOptions): Promise<Payment> {
    return this.unary(RecurringServiceService.charge, RecurringChargeRequest, request, options, true);
  }
  revokeMandate(request: DeepPartial<RevokeMandateRequest>, options?: CallOptions): Promise<RevokeMandateResponse> {
    return this.unary(RecurringServiceService.revoke, RevokeMandateRequest, request, options, true);
  }

  // ---- DisputeService ----------------------------------------------------------------------

  acceptDispute(request: DeepPartial<AcceptDisputeRequest>, options?: CallOptions): Promise<Dispute> {
    return this.unary(DisputeServiceService.accept, AcceptDisputeRequest, request, options, true);
  }
  submitEvidence(request: DeepPartial<SubmitEvidenceRequest>, options?: CallOptions): Promise<Dispute> {
    return this.unary(DisputeServiceService.submitEvidence, SubmitEvidenceRequest, request, options, true);
  }
  defendDispute(request: DeepPartial<DefendDisputeRequest>, options?: CallOptions): Promise<Dispute> {
    return this.unary(DisputeServiceService.defend, DefendDisputeRequest, request, options, true);
  }
  getDispute(request: DeepPartial<GetDisputeRequest>, options?: CallOptions): Promise<Dispute> {
    return this.unary(DisputeServiceService.get, GetDisputeRequest, request, options, false);
  }

  // ---- EventService ------------------------------------------------------------------------

  /**
   * Verify a webhook a processor sent you and get the unified events. The secret travels as
   * `x-webhook-secret` metadata, never in the request body; or name `merchantAccount` to use its
   * configured secret. A bad signature is a ConnectorServiceError UNAUTHENTICATED / BAD_SIGNATURE.
   */
  handleWebhook(input: HandleWebhookInput, options: CallOptions = {}): Promise<HandleWebhookResponse> {
    const body = typeof input.body === "string" ? Buffer.from(input.body, "utf8") : Buffer.from(input.body);
    const request: DeepPartial<HandleWebhookRequest> = {
      connector: input.connector,
      headers: normalizeHeaders(input.headers),
      body,
    };
    const extra: Record<string, string> = { ...(options.metadata ?? {}) };
    if (input.secret) extra["x-webhook-secret"] = input.secret;
    return this.unary(
      EventServiceService.handleWebhook,
      HandleWebhookRequest,
      request,
      {
        ...options,
        metadata: extra,
        // With an explicit secret, the client's default account is not sent (it would not be used).
        merchantAccount: input.merchantAccount ?? options.merchantAccount ?? (input.secret ? "" : undefined),
        credentials: input.secret ? {} : options.credentials,
      },
      false,
    );
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private metadataFor(options: CallOptions): grpc.Metadata {
    const md = new grpc.Metadata();
    if (this.opts.apiKey) md.set("authorization", `Bearer ${this.opts.apiKey}`);
    const account = options.merchantAccount ?? this.opts.merchantAccount;
    if (account) {
      md.set("x-merchant-account", account);
    } else {
      for (const [k, v] of Object.entries(options.credentials ?? this.opts.credentials ?? {})) {
        md.set(toMetadataKey(k), v);
      }
    }
    if (options.requestId) md.set("x-request-id", options.requestId);
    for (const [k, v] of Object.entries(options.metadata ?? {})) md.set(k.toLowerCase(), v);
    return md;
  }

  private async unary<Req, Res>(
    def: RpcDef<Req, Res>,
    type: MessageType<Req>,
    partial: DeepPartial<Req>,
    options: CallOptions = {},
    mutating: boolean,
  ): Promise<Res> {
    const request = type.fromPartial(partial ?? ({} as DeepPartial<Req>));
    let idempotencyKey: string | undefined;
    if (mutating) {
      const r = request as unknown as Record<string, string>;
      idempotencyKey = r[IDEMPOTENCY_FIELD] || options.idempotencyKey || undefined;
      if (!idempotencyKey && this.opts.autoIdempotencyKey !== false) idempotencyKey = randomUUID();
      // Fixed once per logical call: every retry below sends the same key.
      if (idempotencyKey) r[IDEMPOTENCY_FIELD] = idempotencyKey;
    }
    const retry = options.retry ?? this.opts.retry;
    const secrets = secretsOf(request);
    let attempts = 0;
    let lastInfo: Omit<CallInfo, "attempts" | "idempotencyKey"> = {};
    const once = (): Promise<Res> => {
      attempts++;
      return this.call(def, request, options, secrets).then(
        ([res, info]) => {
          lastInfo = info;
          return res;
        },
        (err: unknown) => {
          if (err instanceof CallFailure) {
            lastInfo = err.info;
            throw err.error;
          }
          throw err;
        },
      );
    };
    try {
      if (!retry || (retry.maxAttempts ?? 3) <= 1) return await once();
      return await withRetry(() => once(), { ...retry, idempotencyKey: idempotencyKey ?? "" });
    } finally {
      options.onCallInfo?.({ ...lastInfo, idempotencyKey, attempts });
    }
  }

  private call<Req, Res>(
    def: RpcDef<Req, Res>,
    request: Req,
    options: CallOptions,
    secrets: readonly string[],
  ): Promise<[Res, Omit<CallInfo, "attempts" | "idempotencyKey">]> {
    const deadlineMs = options.deadlineMs ?? this.opts.defaultDeadlineMs ?? 30_000;
    const metadata = this.metadataFor(options);
    this.log?.(`connector-service → ${def.path} ${redactToString(request)}`);
    return new Promise((resolve, reject) => {
      const info: Omit<CallInfo, "attempts" | "idempotencyKey"> = {};
      let settled: { res?: Res; err?: grpc.ServiceError } | undefined;
      const finish = () => {
        if (!settled) return;
        if (settled.err) {
          const e = fromServiceError(settled.err, { requestId: info.requestId ?? options.requestId, method: def.path, secrets });
          info.requestId = e.requestId ?? info.requestId;
          info.processorAttempts ??= e.processorAttempts;
          this.log?.(`connector-service ← ${def.path} ${JSON.stringify(e.toJSON())}`);
          reject(new CallFailure(e, info));
        } else {
          this.log?.(`connector-service ← ${def.path} OK ${redactToString(settled.res)}`);
          resolve([settled.res as Res, info]);
        }
      };
      const call = this.channel.makeUnaryRequest<Req, Res>(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        request,
        metadata,
        { deadline: Date.now() + deadlineMs },
        (err, res) => {
          settled = err ? { err } : { res: res as Res };
          // grpc-js emits 'status' (trailing metadata) right after this callback, in the same tick.
          process.nextTick(finish);
        },
      );
      call.on("metadata", (md: grpc.Metadata) => {
        const id = md.get("x-request-id")[0];
        if (id !== undefined) info.requestId = id.toString();
      });
      call.on("status", (st: grpc.StatusObject) => {
        const a = st.metadata?.get("x-processor-attempts")[0];
        if (a !== undefined && /^\d+$/.test(a.toString())) info.processorAttempts = Number(a.toString());
      });
    });
  }
}

class CallFailure {
  constructor(
    readonly error: ConnectorServiceError,
    readonly info: Omit<CallInfo, "attempts" | "idempotencyKey">,
  ) {}
}
