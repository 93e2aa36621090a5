//! Counts said in words: `1 claim`, `3 claims`.

/// `n` and the noun, singular for one and plural otherwise: `said(1, "claim", "claims")` is
/// `1 claim`.
pub fn said(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular() {
        assert_eq!(super::said(1, "claim", "claims"), "1 claim");
        assert_eq!(super::said(0, "claim", "claims"), "0 claims");
        assert_eq!(super::said(2, "match", "matches"), "2 matches");
    }
}
