//! The code's alphabet (Crockford's base 32) and its two check symbols.
//!
//! The check symbols make every code a word of a Reed–Solomon-style code
//! over GF(32): read as a polynomial `C(x) = x^n + s_0 x^(n-1) + … +
//! s_(n-1)` (a virtual leading 1, then the symbols), a code is valid when
//! `C(1) = 0` and `C(α) = 1`, with α a primitive element.
//!
//! - A single wrong symbol changes `C(1)`: always caught.
//! - Two neighbours swapped change `C(1)` by nothing but `C(α)` by
//!   `e·α^j·(1 + α) ≠ 0`: always caught, at any length.
//! - Up to 31 symbols, any two wrong symbols are caught (minimum distance 3),
//!   because the weights `α^j` of positions 0 to 30 all differ.
//! - The virtual leading 1 and the constant 1 make adding or dropping a
//!   leading or trailing `0` change `C(α)`, and keep `000…0` from checking out.
//! - Not caught as well: a rearrangement of three or more symbols (one moved
//!   two places, two pairs swapped) keeps `C(1)`, a plain sum, so only
//!   `C(α)` sees it, and about one in 32 checks out (support review,
//!   2026-11-27). A later format with both checks weighted by position
//!   (`C(α)` and `C(α²)`) would catch those as all other triple errors,
//!   about once in 1,024, but needs the bits its version field takes.

/// Crockford's base-32 alphabet: digits, then letters without I, L, O, U.
pub(super) const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The field polynomial of GF(32): x^5 + x^2 + 1.
pub(super) const FIELD_POLYNOMIAL: u32 = 0b10_0101;
/// The primitive element α, as a field element (x).
pub(super) const ALPHA: u8 = 2;
/// The target of `C(α)`.
pub(super) const TARGET_AT_ALPHA: u8 = 1;

/// The symbol value of a character, after Crockford's reading rules: any
/// case, `I` and `L` read as `1`, `O` as `0`. `U` and everything else is not
/// a symbol.
pub(super) fn symbol_value(c: char) -> Option<u8> {
    // Full-width forms (U+FF01..=U+FF5E), as Chinese and Japanese input
    // methods type letters and digits, read as their ASCII selves.
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
        _ => c,
    };
    let c = match c.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    ALPHABET.iter().position(|&a| char::from(a) == c).and_then(|i| u8::try_from(i).ok())
}

/// Characters people put between groups, which are skipped: spaces and
/// other whitespace, and the hyphen and dashes.
pub(super) fn is_separator(c: char) -> bool {
    // Zero-width spaces and joiners, direction marks and embeddings, word
    // joiner, soft hyphen and BOM ride along invisibly when a code is copied
    // out of chat apps and documents (right-to-left ones add the marks).
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}'
                | '\u{2212}'
                // Full-width hyphen, and the long vowel mark Japanese input
                // methods give for the hyphen key.
                | '\u{ff0d}'
                | '\u{30fc}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{ad}'
        )
}

pub(super) fn symbol_char(value: u8) -> char {
    char::from(ALPHABET[usize::from(value & 31)])
}

/// Multiplication in GF(32).
fn mul(a: u8, b: u8) -> u8 {
    let (mut a, mut b, mut product) = (u32::from(a), u32::from(b), 0u32);
    while b != 0 {
        if b & 1 == 1 {
            product ^= a;
        }
        b >>= 1;
        a <<= 1;
        if a & 0b10_0000 != 0 {
            a ^= FIELD_POLYNOMIAL;
        }
    }
    // The reduction keeps the product below 32.
    (product & 31) as u8
}

/// The inverse in GF(32) of a non-zero element (a^30, as a^31 = 1).
fn inverse(a: u8) -> u8 {
    (0..29).fold(a, |acc, _| mul(acc, a))
}

/// `(C(1), C(α))` of the symbols, with the virtual leading 1.
fn evaluate(symbols: &[u8]) -> (u8, u8) {
    symbols.iter().fold((1u8, 1u8), |(at_one, at_alpha), &s| (at_one ^ s, mul(at_alpha, ALPHA) ^ s))
}

/// The two check symbols to append to `payload`.
pub(super) fn check_symbols(payload: &[u8]) -> [u8; 2] {
    // With the checks p, q appended: C(1) = A1 + p + q and C(α) = Aα + α·p + q,
    // where A1, Aα evaluate the payload followed by two zeros.
    let mut padded = payload.to_vec();
    padded.extend([0, 0]);
    let (a1, a_alpha) = evaluate(&padded);
    // C(1) = 0 and C(α) = 1 give (1 + α)·p = A1 + Aα + 1.
    let p = mul(a1 ^ a_alpha ^ TARGET_AT_ALPHA, inverse(1 ^ ALPHA));
    [p, a1 ^ p]
}

/// Whether the symbols, check symbols included, check out.
pub(super) fn checks_out(symbols: &[u8]) -> bool {
    evaluate(symbols) == (0, TARGET_AT_ALPHA)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_arithmetic() {
        // α generates all 31 non-zero elements.
        let mut seen = std::collections::BTreeSet::new();
        let mut x = 1u8;
        for _ in 0..31 {
            seen.insert(x);
            x = mul(x, ALPHA);
        }
        assert_eq!((seen.len(), x), (31, 1));
        for a in 1..32 {
            assert_eq!(mul(a, inverse(a)), 1, "{a}");
        }
    }

    #[test]
    fn appended_checks_check_out() {
        for payload in [&[][..], &[0], &[31, 0, 7, 19], &[5; 40]] {
            let mut code = payload.to_vec();
            code.extend(check_symbols(payload));
            assert!(checks_out(&code), "{payload:?}");
        }
    }

    #[test]
    fn zeros_never_check_out() {
        for n in 1..40 {
            assert!(!checks_out(&vec![0; n]), "{n}");
        }
    }

    #[test]
    fn any_two_errors_up_to_31_symbols() {
        // Every pair of positions, every pair of non-zero error values, on one
        // codeword of each length: minimum distance 3.
        for n in [3usize, 12, 20, 31] {
            let payload: Vec<u8> = (0..n - 2).map(|i| (i * 7 % 32) as u8).collect();
            let mut code = payload.clone();
            code.extend(check_symbols(&payload));
            for a in 0..n {
                for b in a + 1..n {
                    for ea in 1..32u8 {
                        for eb in 0..32u8 {
                            let mut bad = code.clone();
                            bad[a] ^= ea;
                            bad[b] ^= eb;
                            assert!(!checks_out(&bad), "n={n} a={a} b={b}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn crockford_reading() {
        assert_eq!(symbol_value('o'), Some(0));
        assert_eq!(symbol_value('I'), Some(1));
        assert_eq!(symbol_value('l'), Some(1));
        assert_eq!(symbol_value('z'), Some(31));
        assert_eq!(symbol_value('U'), None);
        assert_eq!(symbol_value('*'), None);
        assert_eq!(symbol_value('é'), None);
    }
}
