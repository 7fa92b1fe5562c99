//! The share's address as a QR code, drawn as SVG for the window to show, project and print.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An SVG QR code of `text` (an address: always short enough), black on white with its quiet
/// zone, scalable (it has a viewBox) and at least 480 pixels wide as drawn.
pub fn svg(text: &str) -> String {
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map(|code| {
            code.render::<svg::Color>()
                .min_dimensions(480, 480)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_becomes_a_scalable_svg() {
        let drawn = svg("http://192.168.1.5:8080/");
        assert!(drawn.starts_with("<?xml") || drawn.starts_with("<svg"));
        assert!(drawn.contains("viewBox"));
        assert!(drawn.contains("<path") || drawn.contains("<rect"));
        assert_ne!(drawn, svg("http://192.168.1.6:8080/"));
    }
}
