//! Gallery images generated on the machine: SVG covers, no external URLs.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Escapes text for an SVG text node or attribute.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A 4:3 cover: a gradient in the category's hue, a pattern that differs per `variant`,
/// and two lines of text (typically the sub-category and the seller).
pub fn cover_svg(hue: u32, variant: u32, heading: &str, caption: &str) -> String {
    let hue2 = (hue + 40) % 360;
    let mut svg = String::with_capacity(1200);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600" width="800" height="600">"#
    );
    let _ = write!(
        svg,
        r#"<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl({hue},65%,48%)"/><stop offset="1" stop-color="hsl({hue2},70%,28%)"/></linearGradient></defs><rect width="800" height="600" fill="url(#g)"/>"#
    );
    match variant % 3 {
        0 => {
            for i in 0..5u32 {
                let _ = write!(
                    svg,
                    r##"<circle cx="{}" cy="{}" r="{}" fill="#fff" fill-opacity="0.07"/>"##,
                    80 + i * 160,
                    90 + (i * 97) % 420,
                    40 + (i * 37) % 90
                );
            }
        }
        1 => {
            for i in 0..8u32 {
                let _ = write!(
                    svg,
                    r##"<rect x="{}" y="-100" width="36" height="900" fill="#fff" fill-opacity="0.06" transform="rotate(25 400 300)"/>"##,
                    i * 110
                );
            }
        }
        _ => {
            let _ = write!(
                svg,
                r##"<path d="M0 460 Q200 380 400 450 T800 420 V600 H0Z" fill="#fff" fill-opacity="0.10"/><path d="M0 520 Q220 460 420 520 T800 500 V600 H0Z" fill="#fff" fill-opacity="0.10"/>"##
            );
        }
    }
    let font = "Cairo, 'Noto Sans Arabic', 'Noto Naskh Arabic', 'DejaVu Sans', sans-serif";
    let _ = write!(
        svg,
        r##"<rect x="120" y="200" width="560" height="180" rx="24" fill="#000" fill-opacity="0.18"/><text x="400" y="285" font-family="{font}" font-size="46" font-weight="700" fill="#fff" text-anchor="middle" direction="rtl">{}</text><text x="400" y="345" font-family="{font}" font-size="28" fill="#fff" fill-opacity="0.85" text-anchor="middle" direction="rtl">{}</text></svg>"##,
        xml_escape(heading),
        xml_escape(caption)
    );
    svg
}

pub fn write_cover(
    media_dir: &Path,
    relative: &str,
    hue: u32,
    variant: u32,
    heading: &str,
    caption: &str,
) -> io::Result<()> {
    let path = media_dir.join(relative);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, cover_svg(hue, variant, heading, caption))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_the_svg_is_closed() {
        let svg = cover_svg(200, 1, "تصميم <شعار> & هوية", "\"أحمد\"");
        assert!(svg.contains("&lt;شعار&gt; &amp; هوية"));
        assert!(svg.contains("&quot;أحمد&quot;"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
