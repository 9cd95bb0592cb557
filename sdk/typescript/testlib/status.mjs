// Serializes google.rpc.Status with ErrorInfo / BadRequest / RetryInfo using protobufjs and the
// official googleapis .proto files: an encoder independent of the SDK's generated decoder.
import { createRequire } from "node:module";
import path from "node:path";
import protobuf from "protobufjs";

const require = createRequire(import.meta.url);
const googleProtos = path.dirname(require.resolve("google-proto-files/package.json"));

const root = new protobuf.Root();
root.resolvePath = (_origin, target) => path.join(googleProtos, target);
root.loadSync(["google/rpc/status.proto", "google/rpc/error_details.proto"], { keepCase: true });
const StatusT = root.lookupType("google.rpc.Status");
const ErrorInfoT = root.lookupType("google.rpc.ErrorInfo");
const BadRequestT = root.lookupType("google.rpc.BadRequest");
const RetryInfoT = root.lookupType("google.rpc.RetryInfo");

function any(type, value) {
  return { type_url: `type.googleapis.com/${type.fullName.slice(1)}`, value: type.encode(type.create(value)).finish() };
}

/**
 * @param {{code:number, message:string, reason?:string, domain?:string, metadata?:Record<string,string>,
 *          violations?:{field:string,description:string}[], retryDelayMs?:number, extra?:{type_url:string,value:Uint8Array}[]}} s
 * @returns {Buffer}
 */
export function encodeStatus(s) {
  const details = [];
  if (s.extra) details.push(...s.extra);
  if (s.reason !== undefined) {
    details.push(any(ErrorInfoT, { reason: s.reason, domain: s.domain ?? "connectorservice.v1", metadata: s.metadata ?? {} }));
  }
  if (s.violations) details.push(any(BadRequestT, { field_violations: s.violations }));
  if (s.retryDelayMs !== undefined) {
    details.push(
      any(RetryInfoT, {
        retry_delay: { seconds: Math.floor(s.retryDelayMs / 1000), nanos: (s.retryDelayMs % 1000) * 1e6 },
      }),
    );
  }
  return Buffer.from(StatusT.encode(StatusT.create({ code: s.code, message: s.message, details })).finish());
}
