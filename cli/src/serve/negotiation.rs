//! Reading the request headers that choose a representation: `Accept-Encoding` and `If-None-Match`.
//!
//! Both parsers are lenient in what they skip (a malformed entry is ignored) and strict in what they accept (a
//! coding is only sent when the client named it, or `*`, with a non-zero weight).

/// A content coding the server can send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    /// `br`.
    Brotli,
    /// `gzip`.
    Gzip,
    /// No coding.
    Identity,
}

/// Weights are kept in thousandths, the precision RFC 9110 allows for `q`.
type Weight = u16;
const FULL: Weight = 1000;

/// What a request's `Accept-Encoding` header fields say, per coding; `None` means not mentioned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AcceptEncoding {
    brotli: Option<Weight>,
    gzip: Option<Weight>,
    identity: Option<Weight>,
    any: Option<Weight>,
}

impl AcceptEncoding {
    /// Parses every `Accept-Encoding` field value of a request (a request may repeat the field).
    pub fn parse<'a>(values: impl IntoIterator<Item = &'a str>) -> AcceptEncoding {
        let mut accept = AcceptEncoding::default();
        for element in values.into_iter().flat_map(|value| value.split(',')) {
            let mut parts = element.split(';');
            let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let mut weight = Some(FULL);
            for param in parts {
                if let Some((name, value)) = param.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        weight = parse_weight(value.trim());
                    }
                }
            }
            // An entry with an unreadable weight is dropped, so a coding is never sent on a guess.
            let Some(weight) = weight else { continue };
            let slot = match coding.as_str() {
                "br" => &mut accept.brotli,
                "gzip" | "x-gzip" => &mut accept.gzip,
                "identity" => &mut accept.identity,
                "*" => &mut accept.any,
                _ => continue,
            };
            // Listed twice: the kinder reading wins; clients don't do this on purpose.
            *slot = Some(slot.map_or(weight, |old| old.max(weight)));
        }
        accept
    }

    fn weight(&self, coding: Coding) -> Weight {
        match coding {
            Coding::Brotli => self.brotli.or(self.any).unwrap_or(0),
            Coding::Gzip => self.gzip.or(self.any).unwrap_or(0),
            // Identity is acceptable unless excluded by name or by `*` (RFC 9110 section 12.5.3), but when not
            // named it comes last: a client listing `br;q=0.5` wants brotli rather than the plain bytes.
            Coding::Identity => self.identity.or(self.any).unwrap_or(1),
        }
    }

    /// The best coding among those available: the highest weight, ties going to brotli, then gzip, then identity.
    /// When nothing available is acceptable the answer is identity anyway, as RFC 9110 advises over a 406.
    pub fn choose(&self, brotli_available: bool, gzip_available: bool) -> Coding {
        let candidates = [(Coding::Brotli, brotli_available), (Coding::Gzip, gzip_available), (Coding::Identity, true)];
        let mut best = (Coding::Identity, 0);
        for (coding, available) in candidates {
            let weight = self.weight(coding);
            if available && weight > best.1 {
                best = (coding, weight);
            }
        }
        best.0
    }
}

/// The coding to send for a request. A request without `Accept-Encoding` gets identity: RFC 9110 would allow
/// anything, but a client that says nothing (curl, scripts) is best served the plain bytes.
pub fn choose_coding<'a>(
    accept_encoding: impl IntoIterator<Item = &'a str>,
    brotli_available: bool,
    gzip_available: bool,
) -> Coding {
    let mut values = accept_encoding.into_iter().peekable();
    if values.peek().is_none() {
        return Coding::Identity;
    }
    AcceptEncoding::parse(values).choose(brotli_available, gzip_available)
}

/// A `q` value: `0` to `1` with at most three decimals.
fn parse_weight(text: &str) -> Option<Weight> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths =
        fraction.bytes().chain(std::iter::repeat(b'0')).take(3).fold(0, |n, b| n * 10 + Weight::from(b - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(FULL),
        _ => None,
    }
}

/// Whether an `If-None-Match` header lets the server answer 304 for a representation with `etag` (quoted, as
/// sent). `If-None-Match` uses the weak comparison, so a `W/` prefix is ignored.
pub fn none_match_hits<'a>(if_none_match: impl IntoIterator<Item = &'a str>, etag: &str) -> bool {
    if_none_match
        .into_iter()
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(header: &str) -> Coding {
        choose_coding([header], true, true)
    }

    #[test]
    fn prefers_brotli_then_gzip() {
        assert_eq!(choose("gzip, deflate, br, zstd"), Coding::Brotli);
        assert_eq!(choose("gzip, deflate"), Coding::Gzip);
        assert_eq!(choose("deflate"), Coding::Identity);
    }

    #[test]
    fn higher_weight_beats_preference() {
        assert_eq!(choose("br;q=0.5, gzip"), Coding::Gzip);
        assert_eq!(choose("br;q=0.5, gzip;q=0.4"), Coding::Brotli);
        assert_eq!(choose("br;q=0.1, identity"), Coding::Identity);
    }

    #[test]
    fn zero_weight_refuses() {
        assert_eq!(choose("br;q=0, gzip;q=0"), Coding::Identity);
        assert_eq!(choose("br;q=0.000, gzip"), Coding::Gzip);
        assert_eq!(choose("br;Q=0, gzip"), Coding::Gzip);
    }

    #[test]
    fn star_covers_unlisted_codings() {
        assert_eq!(choose("*"), Coding::Brotli);
        assert_eq!(choose("br;q=0, *"), Coding::Gzip);
        assert_eq!(choose("*;q=0, identity"), Coding::Identity);
    }

    #[test]
    fn identity_is_the_fallback_even_when_refused() {
        assert_eq!(choose("identity;q=0"), Coding::Identity);
        assert_eq!(choose_coding(["identity;q=0, br"], false, true), Coding::Identity);
        assert_eq!(choose_coding(["br, gzip"], false, false), Coding::Identity);
    }

    #[test]
    fn only_available_codings_are_chosen() {
        assert_eq!(choose_coding(["br, gzip"], false, true), Coding::Gzip);
        assert_eq!(choose_coding(["br"], false, true), Coding::Identity);
    }

    #[test]
    fn absent_or_empty_header_means_identity() {
        assert_eq!(choose_coding([], true, true), Coding::Identity);
        assert_eq!(choose(""), Coding::Identity);
    }

    #[test]
    fn repeated_fields_are_combined() {
        assert_eq!(choose_coding(["gzip;q=0.5", "br;q=0.9"], true, true), Coding::Brotli);
    }

    #[test]
    fn names_and_whitespace_are_lenient() {
        assert_eq!(choose("  BR ; q = 1 "), Coding::Brotli);
        assert_eq!(choose("x-gzip"), Coding::Gzip);
    }

    #[test]
    fn malformed_weights_drop_the_entry() {
        assert_eq!(choose("br;q=2, gzip;q=0.5"), Coding::Gzip);
        assert_eq!(choose("br;q=high, gzip;q=0.5"), Coding::Gzip);
        assert_eq!(choose("br;q=0.1234, gzip;q=0.5"), Coding::Gzip);
        assert_eq!(choose("br;q=-1, gzip;q=0.5"), Coding::Gzip);
        assert_eq!(choose("br;q=, gzip;q=0.5"), Coding::Gzip);
    }

    #[test]
    fn a_malformed_fraction_never_outweighs_a_well_formed_weight() {
        // Each fraction fails one check only: too many digits, or a non-digit. Read anyway, `0.5x` would weigh more
        // than `q=1` and `0.9999` more than `0.9`, and win over the entry the client meant.
        assert_eq!(choose("br;q=0.5x, gzip;q=0.9"), Coding::Gzip);
        assert_eq!(choose("br;q=0.9999, gzip;q=0.9"), Coding::Gzip);
        assert_eq!(parse_weight("0.5x"), None);
        assert_eq!(parse_weight("0.9999"), None);
    }

    #[test]
    fn weights_parse_to_thousandths() {
        assert_eq!(parse_weight("1"), Some(1000));
        assert_eq!(parse_weight("1.000"), Some(1000));
        assert_eq!(parse_weight("1.001"), None);
        assert_eq!(parse_weight("0.5"), Some(500));
        assert_eq!(parse_weight("0.05"), Some(50));
        assert_eq!(parse_weight("0."), Some(0));
        assert_eq!(parse_weight(".5"), None);
    }

    #[test]
    fn if_none_match() {
        assert!(none_match_hits(["\"a\""], "\"a\""));
        assert!(none_match_hits(["\"x\", W/\"a\""], "\"a\""));
        assert!(none_match_hits(["*"], "\"a\""));
        assert!(!none_match_hits(["\"a-br\""], "\"a\""));
        assert!(!none_match_hits(["a"], "\"a\""));
        assert!(!none_match_hits([], "\"a\""));
    }
}
