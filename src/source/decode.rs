//! Bytes to text: byte-order marks, UTF-16 (with or without a BOM), lossy UTF-8 with a
//! warning, refusal of binary data, and one line-ending convention (`\n`).

use super::format::{self, FormatHint};
use crate::article::Format;

/// Decoded text, plus what the user should hear about (one line each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with `\n` line ends.
    pub text: String,
    /// What was wrong with the bytes, one line each ("invalid UTF-8: …").
    pub warnings: Vec<String>,
}

/// Decodes an input once, in the format it turns out to be in: text with a byte-order mark
/// or in UTF-16 is decoded as such and then told apart; other bytes are looked at first, and a
/// page that starts like HTML is decoded by its charset declarations (`http_charset` being the
/// server's), anything else as UTF-8.
pub fn decode_page(bytes: &[u8], hint: Option<FormatHint>, http_charset: Option<&str>) -> Result<Page, NotText> {
    if has_bom(bytes) || bomless_utf16(bytes).is_some() {
        let decoded = decode(bytes)?;
        return Ok(Page { format: format::detect(&decoded.text, hint), decoded });
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    if format::is_html(&head, bytes.contains(&b'>'), hint) {
        return Ok(Page { decoded: decode_html(bytes, http_charset)?, format: Format::Html });
    }
    let decoded = decode(bytes)?;
    Ok(Page { format: format::detect(&decoded.text, hint), decoded })
}

/// Decodes `bytes` as a page in `format`, as the user said it is (`--from`): HTML with its
/// charset declarations, else as any text.
pub fn decode_in(bytes: &[u8], format: Format, http_charset: Option<&str>) -> Result<Page, NotText> {
    let decoded = match format {
        Format::Html => decode_html(bytes, http_charset)?,
        Format::Markdown | Format::Text => decode(bytes)?,
    };
    Ok(Page { decoded, format })
}

/// Decoded text and the format it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The text, with the warnings met decoding it.
    pub decoded: Decoded,
    /// HTML, Markdown or plain text.
    pub format: Format,
}

fn has_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xEF\xBB\xBF") || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// Decodes an HTML page: a BOM, then the HTTP `Content-Type` charset, then `<meta charset>`
/// (or `http-equiv`) in the first 1024 bytes, then a guess from the bytes (chardetng). A
/// declaration the bytes contradict (a page said to be UTF-8 that is not, or said to be
/// Latin-1 that is valid UTF-8) is overruled by the bytes.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> Result<Decoded, NotText> {
    if has_bom(bytes) {
        return decode(bytes);
    }
    refuse_binary(bytes)?;
    let declared = http_charset
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(1024)]));
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let encoding = match declared {
        // UTF-16 cannot be declared inside an ASCII document; what is meant is UTF-8.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        Some(e) if e == encoding_rs::UTF_8 && !valid_utf8 => guess(bytes),
        Some(e) if e != encoding_rs::UTF_8 && valid_utf8 && !bytes.is_ascii() => encoding_rs::UTF_8,
        Some(e) => e,
        None if valid_utf8 => encoding_rs::UTF_8,
        None => guess(bytes),
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(format!("invalid {}: some bytes replaced with �", encoding.name()));
    }
    refuse_control_text(&text)?;
    Ok(Decoded { text: normalize_line_ends(text.into_owned()), warnings })
}

fn guess(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// The encoding named by `<meta charset=…>` or `<meta http-equiv=Content-Type content="…charset=…">`.
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(pos) = tag.find("charset") {
            let value = tag[pos + 7..].trim_start().strip_prefix('=')?.trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(value.len());
            return encoding_rs::Encoding::for_label(&value.as_bytes()[..end]);
        }
    }
    None
}

/// Why bytes are not an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText(pub String);

/// Decodes bytes not known to be HTML: a BOM, UTF-16 without one, else UTF-8 (lossy, with a
/// warning); binary data is refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes, &mut warnings)
    } else if let Some(little_endian) = bomless_utf16(bytes) {
        let from: fn([u8; 2]) -> u16 = if little_endian { u16::from_le_bytes } else { u16::from_be_bytes };
        utf16(bytes, from, &mut warnings)
    } else {
        refuse_binary(bytes)?;
        utf8(bytes, &mut warnings)
    };
    refuse_control_text(&text)?;
    Ok(Decoded { text: normalize_line_ends(text), warnings })
}

fn utf8(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let bad = text.matches('\u{FFFD}').count();
            warnings.push(format!("invalid UTF-8: {bad} byte sequence(s) replaced with �"));
            text
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, warnings: &mut Vec<String>) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let text = String::from_utf16_lossy(&units);
    if text.contains('\u{FFFD}') || bytes.len() % 2 == 1 {
        warnings.push("invalid UTF-16: some code units replaced with �".to_string());
    }
    text
}

/// UTF-16 without a BOM shows as text whose every other byte is zero. Returns whether it is
/// little-endian, or `None` when the bytes do not look like UTF-16.
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 8 || bytes.len() % 2 == 1 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(zero_odd) && rarely(zero_even) {
        Some(true)
    } else if mostly(zero_even) && rarely(zero_odd) {
        Some(false)
    } else {
        None
    }
}

fn refuse_binary(bytes: &[u8]) -> Result<(), NotText> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(NotText(format!("NUL byte at offset {at}")));
    }
    Ok(())
}

/// Text made mostly of control characters is binary data that happened to decode.
fn refuse_control_text(text: &str) -> Result<(), NotText> {
    let sample: Vec<char> = text.chars().take(8192).collect();
    if sample.is_empty() {
        return Ok(());
    }
    if sample.contains(&'\0') {
        return Err(NotText("NUL characters".to_string()));
    }
    let controls =
        sample.iter().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}' | '\u{1B}')).count();
    if controls * 10 > sample.len() {
        return Err(NotText(format!("{controls} control characters in the first {} characters", sample.len())));
    }
    Ok(())
}

/// CRLF and lone CR become LF, so that every later stage counts lines the same way.
fn normalize_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFHello").unwrap().text, "Hello");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Hé".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("Hé".encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
        assert_eq!(decode(&le).unwrap().text, "Hé");
        assert_eq!(decode(&be).unwrap().text, "Hé");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "Plain words here.".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&le).unwrap().text, "Plain words here.");
    }

    #[test]
    fn invalid_utf8_is_lossy_with_one_warning() {
        let d = decode(b"caf\xE9 au lait \xFF").unwrap();
        assert_eq!(d.text, "caf\u{FFFD} au lait \u{FFFD}");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn nul_bytes_are_refused() {
        assert!(decode(b"\x7FELF\x02\x01\x01\x00\x00\x00").is_err());
    }

    #[test]
    fn mostly_control_bytes_are_refused() {
        assert!(decode(&[1u8, 2, 3, 4, 5, 6, 7, 8, 0x0E, 0x0F, b'a']).is_err());
    }

    #[test]
    fn html_charsets_declared_and_guessed() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(decode_html(latin1, None).unwrap().text.contains("café"));
        let http = b"<html><body>na\xefve</body></html>";
        assert!(decode_html(http, Some("windows-1252")).unwrap().text.contains("naïve"));
        let sjis = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><body>日本語のテキスト</body></html>";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(sjis);
        assert!(decode_html(&bytes, None).unwrap().text.contains("日本語のテキスト"));
        let gbk = "<html><head><meta charset=gbk></head><body>中文的文字内容</body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(gbk);
        assert!(decode_html(&bytes, None).unwrap().text.contains("中文的文字内容"));
    }

    #[test]
    fn a_wrong_declaration_is_overruled_by_the_bytes() {
        let said_utf8 =
            b"<html><head><meta charset=utf-8></head><body>Stra\xdfe und Gr\xfc\xdfe aus K\xf6ln</body></html>";
        assert!(decode_html(said_utf8, None).unwrap().text.contains("Straße und Grüße aus Köln"));
        let said_latin1 = "<html><head><meta charset=iso-8859-1></head><body>Grüße</body></html>";
        assert!(decode_html(said_latin1.as_bytes(), None).unwrap().text.contains("Grüße"));
    }

    #[test]
    fn a_page_is_decoded_in_its_format() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let page = decode_page(latin1, None, None).unwrap();
        assert_eq!(page.format, Format::Html);
        assert!(page.decoded.text.contains("café") && page.decoded.warnings.is_empty());
        let utf16: Vec<u8> = "<!DOCTYPE html><p>Hi</p>".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode_page(&utf16, None, None).unwrap().format, Format::Html);
        assert_eq!(decode_page(b"# Title\n", Some(FormatHint::Markdown), None).unwrap().format, Format::Markdown);
        assert_eq!(decode_page(b"<p>hi</p>", Some(FormatHint::Html), None).unwrap().format, Format::Html);
        assert_eq!(decode_page(b"<p>hi</p>", None, None).unwrap().format, Format::Html, "a fragment is HTML");
        assert_eq!(decode_page(b"<p>hi</p>", Some(FormatHint::Text), None).unwrap().format, Format::Text);
        // As the user says (--from), whatever the content looks like.
        assert_eq!(decode_in(b"<p>hi</p>", Format::Text, None).unwrap().format, Format::Text);
        assert_eq!(decode_in(b"# hi", Format::Html, None).unwrap().format, Format::Html);
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap().text, "a\nb\nc\n");
    }
}
