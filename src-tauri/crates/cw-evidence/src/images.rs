//! What a photo is: its size, turned upright as the camera held it, and a thumbnail (a JPEG at
//! most [`THUMB_PX`] on its longer side) for the pages and the 迎检 binder.

use image::{DynamicImage, ImageDecoder, ImageReader};
use std::io::Cursor;

/// The longer side of a thumbnail, in pixels: sharp at 200 dpi across 80 mm of the binder.
pub const THUMB_PX: u32 = 640;

/// A decoded photo: its upright size and its thumbnail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub width: u32,
    pub height: u32,
    /// A baseline RGB JPEG.
    pub thumb: Vec<u8>,
}

/// Decodes a JPEG or PNG, turns it upright (a phone stores portrait photos sideways with a
/// note to turn them), and makes its thumbnail. The error is the clerk's words.
pub fn photo(bytes: &[u8]) -> Result<Photo, String> {
    let unreadable = |_| "图片无法读取（文件损坏或不是 JPEG/PNG 图片）".to_string();
    let mut decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| "图片无法读取".to_string())?
        .into_decoder()
        .map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    img.apply_orientation(orientation);
    let (width, height) = (img.width(), img.height());
    let small = if width.max(height) > THUMB_PX {
        img.thumbnail(THUMB_PX, THUMB_PX)
    } else {
        img
    };
    Ok(Photo {
        width,
        height,
        thumb: jpeg(&DynamicImage::ImageRgb8(small.to_rgb8()))?,
    })
}

/// `img` as a JPEG of quality 82.
pub fn jpeg(img: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(img)
        .map_err(|e| format!("缩略图无法生成：{e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 256) as u8, 90, 200]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_large_photo_gets_a_thumbnail_no_longer_than_its_limit_in_its_proportions() {
        let p = photo(&png(1600, 1200)).unwrap();
        assert_eq!((p.width, p.height), (1600, 1200));
        let t = image::load_from_memory(&p.thumb).unwrap();
        assert_eq!((t.width(), t.height()), (640, 480));
    }

    #[test]
    fn a_small_picture_keeps_its_size_in_the_thumbnail() {
        let p = photo(&png(200, 100)).unwrap();
        let t = image::load_from_memory(&p.thumb).unwrap();
        assert_eq!((t.width(), t.height()), (200, 100));
    }

    #[test]
    fn bytes_that_are_no_picture_are_refused_in_chinese() {
        let e = photo(b"not a picture at all").unwrap_err();
        assert!(e.contains("图片无法读取"), "{e}");
    }
}
