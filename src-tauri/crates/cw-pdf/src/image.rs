//! Photos on a page: JPEG files embedded as they are (a PDF viewer decodes them itself), each
//! once a document however many pages show it.

use crate::page::{mm_to_pt, Page};
use crate::PdfError;
use std::sync::Arc;

/// A baseline or progressive JPEG, grey or RGB, ready to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jpeg {
    pub(crate) data: Vec<u8>,
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// 1 (grey) or 3 (RGB).
    pub(crate) components: u8,
}

impl Jpeg {
    /// Reads the size and colour of a JPEG file from its frame header; refuses what is not a
    /// JPEG or is CMYK (which viewers show inverted without more care than a photo needs).
    pub fn from_bytes(data: Vec<u8>) -> Result<Jpeg, PdfError> {
        let bad = || PdfError::Invalid("图片不是可用的 JPEG 文件".into());
        if data.get(..2) != Some(&[0xFF, 0xD8]) {
            return Err(bad());
        }
        let mut at = 2;
        while at + 4 <= data.len() {
            if data[at] != 0xFF {
                return Err(bad());
            }
            let marker = data[at + 1];
            // Fill bytes before a marker.
            if marker == 0xFF {
                at += 1;
                continue;
            }
            let len = usize::from(u16::from_be_bytes([data[at + 2], data[at + 3]]));
            let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
            if is_frame {
                let f = data.get(at + 4..at + 10).ok_or_else(bad)?;
                let height = u32::from(u16::from_be_bytes([f[1], f[2]]));
                let width = u32::from(u16::from_be_bytes([f[3], f[4]]));
                let components = f[5];
                if width == 0 || height == 0 || !matches!(components, 1 | 3) {
                    return Err(bad());
                }
                return Ok(Jpeg {
                    data,
                    width,
                    height,
                    components,
                });
            }
            at += 2 + len;
        }
        Err(bad())
    }

    /// The PDF colour space of its pixels.
    pub(crate) fn colour_space(&self) -> &'static str {
        if self.components == 1 {
            "/DeviceGray"
        } else {
            "/DeviceRGB"
        }
    }
}

/// The largest box of `w_mm` × `h_mm` that keeps `img`'s proportions: (width, height) in mm.
pub fn fit(img: &Jpeg, w_mm: f32, h_mm: f32) -> (f32, f32) {
    let ratio = img.width as f32 / img.height.max(1) as f32;
    if w_mm / h_mm > ratio {
        (h_mm * ratio, h_mm)
    } else {
        (w_mm, w_mm / ratio)
    }
}

impl Page {
    /// Draws `img` with its top-left corner at (x, y), `w_mm` × `h_mm` (see [`fit`] to keep its
    /// proportions).
    pub fn image(&mut self, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32, img: &Arc<Jpeg>) {
        let n = self.image_slot(img);
        let ll = self.to_point(x_mm, y_mm + h_mm);
        let (w, h) = (mm_to_pt(w_mm), mm_to_pt(h_mm));
        let g = self.graphics_mut();
        g.save();
        g.transform(w, h, ll.x.0, ll.y.0);
        g.draw_image(n);
        g.restore();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny JPEG header: SOI, an APP0 segment, then a baseline frame of 40 × 30, 3 components.
    pub(crate) fn header(components: u8) -> Vec<u8> {
        let mut d = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        d.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 8, 0, 30, 0, 40, components]);
        d.extend_from_slice(&[0; 9]);
        d.extend_from_slice(&[0xFF, 0xD9]);
        d
    }

    #[test]
    fn a_jpeg_header_gives_its_size_and_colours() -> Result<(), PdfError> {
        let j = Jpeg::from_bytes(header(3))?;
        assert_eq!(
            (j.width, j.height, j.colour_space()),
            (40, 30, "/DeviceRGB")
        );
        assert_eq!(Jpeg::from_bytes(header(1))?.colour_space(), "/DeviceGray");
        Ok(())
    }

    #[test]
    fn a_png_or_a_cmyk_jpeg_is_refused() {
        assert!(Jpeg::from_bytes(b"\x89PNG\r\n\x1a\n....".to_vec()).is_err());
        assert!(Jpeg::from_bytes(header(4)).is_err());
    }

    #[test]
    fn a_picture_is_fitted_inside_its_box_keeping_its_proportions() -> Result<(), PdfError> {
        let j = Jpeg::from_bytes(header(3))?;
        assert_eq!(fit(&j, 80.0, 80.0), (80.0, 60.0));
        assert_eq!(fit(&j, 80.0, 30.0), (40.0, 30.0));
        Ok(())
    }
}

#[cfg(test)]
mod in_a_file {
    use super::*;
    use crate::doc::{render_book, Bookmark, DocInfo};
    use crate::page::{Align, PageSize};

    fn photo() -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let img = ::image::RgbImage::from_fn(120, 80, |x, y| {
            ::image::Rgb([(x * 2) as u8, (y * 3) as u8, 128])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, ::image::ImageFormat::Jpeg)?;
        Ok(out.into_inner())
    }

    #[test]
    fn a_photo_shown_on_two_pages_is_embedded_once_and_the_outline_opens_each_section(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let img = Arc::new(Jpeg::from_bytes(photo()?)?);
        let mut pages = Vec::new();
        for title in ["一、会议记录", "二、自查"] {
            let mut p = Page::new(PageSize::A4_PORTRAIT);
            p.text(20.0, 20.0, 12.0, Align::Left, title)?;
            let (w, h) = fit(&img, 90.0, 90.0);
            p.image(20.0, 30.0, w, h, &img);
            pages.push(p);
        }
        let info = DocInfo {
            title: "迎检资料汇编".into(),
            created: chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .unwrap_or_default(),
        };
        let marks = [
            Bookmark {
                title: "一、会议记录".into(),
                page: 0,
            },
            Bookmark {
                title: "二、自查".into(),
                page: 1,
            },
        ];
        let r = render_book(&info, pages, &marks)?;
        let text = String::from_utf8_lossy(&r.bytes);
        assert_eq!(text.matches("/Subtype/Image").count(), 1);
        assert_eq!(
            text.matches("/Parent ").count(),
            2 + 2,
            "two pages and two items"
        );
        assert!(text.contains("/PageMode/UseOutlines"));
        let file = crate::testutil::write("book", &r.bytes)?;
        if let Some((ok, out)) = crate::testutil::qpdf_check(&file) {
            assert!(ok, "{out}");
        }
        if let Ok(out) = std::process::Command::new("pdfimages")
            .arg("-list")
            .arg(&file.path)
            .output()
        {
            let list = String::from_utf8_lossy(&out.stdout);
            // Two uses of one image object: the same object number on both lines.
            let rows: Vec<&str> = list.lines().skip(2).collect();
            assert_eq!(rows.len(), 2, "{list}");
            assert!(
                rows.iter().all(|r| r.contains("120") && r.contains("jpeg")),
                "{list}"
            );
        }
        Ok(())
    }
}
