//! Bit-level writing and reading of the diagnostic code's payload, and the
//! one integer encoding every field uses.
//!
//! Fields are written most significant bit first, one after the other with
//! no alignment; [`BitWriter::into_symbols`] cuts the stream into 5-bit
//! symbols, padding the last with zero bits. [`BitReader`] is its dual.

/// A reason a payload that passed the checksum still can't be read.
pub(super) type Malformed = &'static str;

/// Collects bits, most significant first.
#[derive(Debug, Default)]
pub(super) struct BitWriter {
    bits: Vec<bool>,
}

impl BitWriter {
    pub(super) fn new() -> BitWriter {
        BitWriter::default()
    }

    /// Appends the low `width` bits of `value`, most significant first.
    pub(super) fn push(&mut self, value: u64, width: u32) {
        for shift in (0..width).rev() {
            self.bits.push(shift < 64 && (value >> shift) & 1 == 1);
        }
    }

    pub(super) fn bit(&mut self, on: bool) {
        self.bits.push(on);
    }

    /// The stream as 5-bit symbols, the last one padded with zero bits.
    pub(super) fn into_symbols(self) -> Vec<u8> {
        self.bits
            .chunks(5)
            .map(|chunk| (0..5).fold(0u8, |acc, i| (acc << 1) | u8::from(chunk.get(i).copied().unwrap_or(false))))
            .collect()
    }
}

/// Reads back what a [`BitWriter`] wrote; every read past the end is an error.
#[derive(Debug)]
pub(super) struct BitReader {
    bits: Vec<bool>,
    at: usize,
}

impl BitReader {
    /// A reader over 5-bit symbols (values 0..32).
    pub(super) fn from_symbols(symbols: &[u8]) -> BitReader {
        let bits = symbols.iter().flat_map(|&s| (0..5).rev().map(move |shift| (s >> shift) & 1 == 1)).collect();
        BitReader { bits, at: 0 }
    }

    pub(super) fn read(&mut self, width: u32) -> Result<u64, Malformed> {
        let end =
            self.at.checked_add(width as usize).filter(|&end| end <= self.bits.len()).ok_or("it ends too early")?;
        let value = self.bits[self.at..end].iter().fold(0u64, |acc, &b| (acc << 1) | u64::from(b));
        self.at = end;
        Ok(value)
    }

    pub(super) fn bit(&mut self) -> Result<bool, Malformed> {
        self.read(1).map(|b| b == 1)
    }

    pub(super) fn remaining(&self) -> usize {
        self.bits.len() - self.at
    }

    /// Whether the next `width` bits (or all that remain, if fewer) are zero.
    pub(super) fn next_bits_are_zero(&self, width: usize) -> bool {
        self.bits[self.at..].iter().take(width).all(|b| !b)
    }
}

/// How one integer field is written: `bits` wide, holding `value / scale +
/// bias` when that is exact and fits below the all-ones value; otherwise the
/// all-ones value (the escape) followed by the value itself as a zigzag
/// [varint](write_varint). Common values cost `bits`; every `i64` fits.
///
/// Decoding rejects an escape used for a value that fits directly, so each
/// value has exactly one encoding and a decoded report re-encodes to the
/// same code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct IntCodec {
    /// Width of the direct form, 1 to 16.
    pub bits: u32,
    /// Values are multiples of this (15 for minutes in quarter hours).
    pub scale: i64,
    /// Added to `value / scale`, so small negative values fit.
    pub bias: i64,
}

impl IntCodec {
    /// A codec for non-negative values below `2^bits - 1`.
    pub(super) const fn plain(bits: u32) -> IntCodec {
        IntCodec { bits, scale: 1, bias: 0 }
    }

    fn escape(self) -> u64 {
        (1u64 << self.bits) - 1
    }

    /// The direct form of `value`, if it has one.
    fn direct(self, value: i64) -> Option<u64> {
        if self.scale <= 0 || value % self.scale != 0 {
            return None;
        }
        let d = (value / self.scale).checked_add(self.bias)?;
        u64::try_from(d).ok().filter(|&d| d < self.escape())
    }

    pub(super) fn write(self, w: &mut BitWriter, value: i64) {
        match self.direct(value) {
            Some(d) => w.push(d, self.bits),
            None => {
                w.push(self.escape(), self.bits);
                write_varint(w, zigzag(value));
            }
        }
    }

    pub(super) fn read(self, r: &mut BitReader) -> Result<i64, Malformed> {
        let d = r.read(self.bits)?;
        if d == self.escape() {
            let value = unzigzag(read_varint(r)?);
            return match self.direct(value) {
                Some(_) => Err("a number is written the long way"),
                None => Ok(value),
            };
        }
        // d < 2^16, so the conversion is exact.
        (d as i64).checked_sub(self.bias).and_then(|v| v.checked_mul(self.scale)).ok_or("a number is out of range")
    }

    /// The codec in words, for the format description the approval test pins.
    #[cfg(test)]
    pub(super) fn describe(self) -> String {
        format!("int bits={} scale={} bias={}", self.bits, self.scale, self.bias)
    }
}

/// Maps signed to unsigned so small magnitudes stay small: 0, -1, 1, -2, …
fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(u: u64) -> i64 {
    ((u >> 1) as i64) ^ -((u & 1) as i64)
}

/// LEB128 in the bit stream: groups of 8 bits, a "more follows" bit and then
/// 7 value bits, least significant group first; at most 10 groups.
pub(super) fn write_varint(w: &mut BitWriter, mut value: u64) {
    loop {
        let group = value & 0x7f;
        value >>= 7;
        w.bit(value != 0);
        w.push(group, 7);
        if value == 0 {
            return;
        }
    }
}

pub(super) fn read_varint(r: &mut BitReader) -> Result<u64, Malformed> {
    let mut value: u64 = 0;
    for i in 0..10u32 {
        let more = r.bit()?;
        let group = r.read(7)?;
        let shift = 7 * i;
        if (i == 9 && group > 1) || (i > 0 && !more && group == 0) {
            return Err("a long number is out of range or padded");
        }
        value |= group << shift;
        if !more {
            return Ok(value);
        }
    }
    Err("a long number is too long")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(codec: IntCodec, value: i64) -> (i64, usize) {
        let mut w = BitWriter::new();
        codec.write(&mut w, value);
        let len = w.bits.len();
        let mut r = BitReader { bits: w.bits, at: 0 };
        (codec.read(&mut r).unwrap(), len)
    }

    #[test]
    fn direct_values_cost_their_width() {
        assert_eq!(round_trip(IntCodec::plain(7), 0), (0, 7));
        assert_eq!(round_trip(IntCodec::plain(7), 126), (126, 7));
        let quarters = IntCodec { bits: 7, scale: 15, bias: 48 };
        assert_eq!(round_trip(quarters, -720), (-720, 7));
        assert_eq!(round_trip(quarters, 825), (825, 7));
    }

    #[test]
    fn other_values_escape_to_a_varint() {
        assert_eq!(round_trip(IntCodec::plain(7), 127), (127, 7 + 16));
        assert_eq!(round_trip(IntCodec::plain(7), -1), (-1, 7 + 8));
        let quarters = IntCodec { bits: 7, scale: 15, bias: 48 };
        assert_eq!(round_trip(quarters, 20), (20, 7 + 8));
        for v in [i64::MIN, i64::MAX, -1 << 40, 1 << 40] {
            assert_eq!(round_trip(IntCodec::plain(3), v).0, v);
        }
    }

    #[test]
    fn the_long_way_is_rejected() {
        let mut w = BitWriter::new();
        w.push(127, 7);
        write_varint(&mut w, zigzag(5));
        let mut r = BitReader { bits: w.bits, at: 0 };
        assert!(IntCodec::plain(7).read(&mut r).is_err());
    }

    #[test]
    fn only_canonical_varints_in_range_are_read() {
        // Groups of (more, 7 value bits), least significant first.
        let read = |groups: &[(bool, u64)]| {
            let mut w = BitWriter::new();
            for &(more, group) in groups {
                w.bit(more);
                w.push(group, 7);
            }
            read_varint(&mut BitReader { bits: w.bits, at: 0 })
        };
        // Zero is one empty group; 5 padded with an empty second group is
        // not how a code writes 5: a misreading that got past the checks.
        assert_eq!(read(&[(false, 0)]), Ok(0));
        assert_eq!(read(&[(false, 5)]), Ok(5));
        assert!(read(&[(true, 5), (false, 0)]).is_err());
        // The tenth group holds the 64th bit only: 1 fits, 2 overflows.
        let mut longest = vec![(true, 0x7f); 9];
        longest.push((false, 1));
        assert_eq!(read(&longest), Ok(u64::MAX));
        *longest.last_mut().unwrap() = (false, 2);
        assert!(read(&longest).is_err());
    }

    #[test]
    fn symbols_round_trip() {
        let mut w = BitWriter::new();
        w.push(0b10110, 5);
        w.push(0b111, 3);
        let symbols = w.into_symbols();
        assert_eq!(symbols, [0b10110, 0b11100]);
        let mut r = BitReader::from_symbols(&symbols);
        assert_eq!(r.read(5), Ok(0b10110));
        assert_eq!(r.read(3), Ok(0b111));
        assert_eq!(r.remaining(), 2);
        assert!(r.next_bits_are_zero(5));
        assert!(r.read(3).is_err());
    }
}
