//! Generates the connectorservice.v1 messages and tonic clients/servers from
//! `../../proto/connectorservice/v1/*.proto` (prost + tonic), and their proto3 JSON serde impls
//! (pbjson) for the webhook relay. The google.rpc error details come from `tonic-types`, never from
//! the repository's vendored `proto/google/rpc` subset.
use std::{env, fs, path::PathBuf};

const SECRET_TYPES: [&str; 6] = [
    // Messages with fields marked "secret" in the proto: their Debug is written by hand
    // (src/redact.rs) so that no derived Debug of a request ever prints them. Skipping a message
    // skips its oneof enums too (`apple_pay::Data`, `google_pay::Data`): those are hand-written
    // as well.
    ".connectorservice.v1.Card",
    ".connectorservice.v1.NetworkToken",
    ".connectorservice.v1.SepaDebit",
    ".connectorservice.v1.AchDebit",
    ".connectorservice.v1.ApplePay",
    ".connectorservice.v1.GooglePay",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let proto_root = manifest.join("../../proto");
    let proto_dir = proto_root.join("connectorservice/v1");
    let mut protos: Vec<PathBuf> = fs::read_dir(&proto_dir)
        .map_err(|e| format!("cannot read {}: {e}", proto_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "proto"))
        .collect();
    protos.sort();
    if protos.is_empty() {
        return Err(format!("no .proto files in {}", proto_dir.display()).into());
    }
    println!("cargo:rerun-if-changed={}", proto_dir.display());
    for p in &protos {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    println!("cargo:rerun-if-env-changed=PROTOC");
    if env::var_os("PROTOC").is_none() && PathBuf::from("/usr/bin/protoc").exists() {
        // prost-build looks for `protoc` on PATH otherwise.
        unsafe { env::set_var("PROTOC", "/usr/bin/protoc") };
    }

    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    let descriptor_path = out_dir.join("connectorservice_descriptor.bin");
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .file_descriptor_set_path(&descriptor_path)
        .skip_debug(SECRET_TYPES)
        .compile_protos(&protos, &[proto_root])?;

    let descriptors = fs::read(&descriptor_path)?;
    pbjson_build::Builder::new()
        .register_descriptors(&descriptors)?
        // Relays from a newer service may carry fields and enum values this version lacks.
        .ignore_unknown_fields()
        .ignore_unknown_enum_variants()
        .build(&[".connectorservice.v1"])?;
    Ok(())
}
