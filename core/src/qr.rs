//! QR codes for the code panel: the support link as an SVG path, so the
//! user can show it to another device. `qrcodegen` (Nayuki's reference
//! implementation) does the encoding; this module only draws it.

use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of blank margin around the symbol, as the QR standard requires.
const QUIET_ZONE: i32 = 4;

/// A QR symbol drawn as one SVG path of unit squares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSvg {
    /// The side of the square viewBox, quiet zone included.
    pub size: i32,
    /// The `d` attribute of a path that fills the dark modules.
    pub path: String,
}

/// Encodes `text` (a URL) with medium error correction, or `None` if it is
/// too long for a QR code.
///
/// ```
/// let qr = resetcheck_core::qr::svg("https://help.example.com/#support=0123456789AB").unwrap();
/// assert!(qr.size >= 21 + 8);
/// assert!(qr.path.starts_with('M'));
/// ```
pub fn svg(text: &str) -> Option<QrSvg> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = code.size();
    let mut path = String::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            // One horizontal run per path segment keeps the path short.
            let start = x;
            while x < n && code.get_module(x, y) {
                x += 1;
            }
            path.push_str(&format!("M{} {}h{}v1h-{}z", start + QUIET_ZONE, y + QUIET_ZONE, x - start, x - start));
        }
    }
    Some(QrSvg { size: n + 2 * QUIET_ZONE, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_the_symbol_with_a_quiet_zone() {
        let qr = svg("https://help.example.com/#support=0123-4567-89AB").unwrap();
        assert_eq!((qr.size - 2 * QUIET_ZONE - 17) % 4, 0, "QR sides are 17 + 4 × version");
        // The top-left finder pattern's first row is a run of 7 dark modules.
        assert!(qr.path.starts_with("M4 4h7v1h-7z"), "{}", &qr.path[..40]);
    }

    #[test]
    fn too_long_is_none() {
        assert!(svg(&"x".repeat(5_000)).is_none());
    }
}
