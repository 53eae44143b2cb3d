//! Random secrets (the access token, CSP nonces, folder names) from the
//! operating system's generator, and a comparison that takes the same time
//! however much of a guess is right.

/// `bytes` random bytes as lowercase hex (16 bytes: 128 bits).
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // The OS generator failing is a broken machine; fall back to a value that
    // is still unique per process and moment rather than stopping the page.
    if getrandom::fill(&mut buf).is_err() {
        let seed = format!("{:?}{}", std::time::SystemTime::now(), std::process::id());
        for (i, b) in seed.bytes().enumerate() {
            buf[i % bytes.max(1)] ^= b;
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// True when `a == b`, comparing every byte whatever the first difference.
pub fn same(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_fresh_and_hex() {
        let (a, b) = (random_hex(16), random_hex(16));
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert!(same(&a, &a.clone()) && !same(&a, &b) && !same(&a, &a[..31]));
    }
}
