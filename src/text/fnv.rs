//! FNV-1a, 64-bit: the same on every run, platform and Rust version, for hashes that are
//! stored (reading positions, site memory, the claim model's buckets and its cue fingerprint).

/// The hash of nothing; a caller may start elsewhere to keep families apart.
pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// The hash of `bytes`, starting from `start` (usually [`OFFSET`]).
pub fn fnv1a(start: u64, bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(start, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
}

/// The hash of `text` as 16 hex digits: how stored files name a text (reading positions,
/// site memory's pages and blocks).
pub fn text_key(text: &str) -> String {
    format!("{:016x}", fnv1a(OFFSET, text.bytes()))
}
