// A grpc-js server implementing PaymentService from the SDK's generated definitions, whose
// handlers the tests script. Used to test the client's wire behaviour without the real service.
import * as grpc from "@grpc/grpc-js";
import sdk from "../dist/index.js";
import { encodeStatus } from "./status.mjs";

/** A grpc-js error carrying google.rpc.Status details and (optionally) initial/trailing metadata. */
export function grpcError(s, trailers = {}) {
  const md = new grpc.Metadata();
  md.set("grpc-status-details-bin", encodeStatus(s));
  for (const [k, v] of Object.entries(trailers)) md.set(k, v);
  return { code: s.code, details: s.message, metadata: md };
}

/**
 * Starts a server; `handlers` maps PaymentService method names (authorize, capture, …) to
 * (request, metadata) => response | throws grpcError(...). Returns {address, calls, close}.
 */
export async function startFakeServer(handlers) {
  const server = new grpc.Server();
  const calls = [];
  const impl = {};
  for (const name of Object.keys(sdk.PaymentServiceService)) {
    impl[name] = (call, callback) => {
      const md = call.metadata.getMap();
      calls.push({ method: name, request: call.request, metadata: md });
      const h = handlers[name];
      if (!h) return callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} not scripted` });
      const initial = new grpc.Metadata();
      initial.set("x-request-id", String(md["x-request-id"] ?? "srv-generated-1"));
      call.sendMetadata(initial);
      try {
        const res = h(call.request, md, calls.length);
        const trailers = new grpc.Metadata();
        trailers.set("x-processor-attempts", "1");
        callback(null, res, trailers);
      } catch (e) {
        if (e && typeof e.code === "number") callback(e);
        else callback({ code: grpc.status.INTERNAL, details: String(e) });
      }
    };
  }
  server.addService(sdk.PaymentServiceService, impl);
  const port = await new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
