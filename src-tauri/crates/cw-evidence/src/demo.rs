//! Demo photos: pictures drawn here (no camera in the demo), added as evidence like any other.

use crate::images::jpeg;
use crate::kinds::OwnerKind;
use crate::store::{add_bytes, Owner};
use cw_kernel::{CoreError, Ctx};
use image::{DynamicImage, Rgb, RgbImage};

/// An 800 × 600 picture in the colours of `seed`: a sky, a street and a few blocks, so that
/// each demo photo looks different from the next.
pub fn picture(seed: u32) -> Result<Vec<u8>, CoreError> {
    let (w, h) = (800u32, 600u32);
    let hue = |k: u32| ((seed.wrapping_mul(37).wrapping_add(k * 71)) % 160 + 60) as u8;
    let img = RgbImage::from_fn(w, h, |x, y| {
        let block = (x / 100 + seed).is_multiple_of(4) && y > 220 && y < 430;
        if y < 220 {
            Rgb([150, 190, 225u8.saturating_sub((y / 8) as u8)])
        } else if block {
            Rgb([hue(1), hue(2), hue(3)])
        } else if y > 470 {
            Rgb([110, 110, 105 + (x % 40 / 10) as u8])
        } else {
            Rgb([205, 200, 190])
        }
    });
    jpeg(&DynamicImage::ImageRgb8(img)).map_err(CoreError::Internal)
}

/// Adds demo photo `seed` to `owner` with `caption`; nothing for a database in memory.
pub fn add(ctx: &Ctx<'_>, owner: Owner, seed: u32, caption: &str) -> Result<(), CoreError> {
    if crate::store::folder(ctx).is_err() {
        return Ok(());
    }
    let name = format!("IMG_2026{:04}.jpg", 900 + seed);
    add_bytes(ctx, owner, caption, &name, &picture(seed)?)?;
    Ok(())
}

/// The owner `kind` `id` (no item).
pub fn owner(kind: OwnerKind, id: i64) -> Owner {
    Owner {
        kind,
        id,
        item_id: None,
    }
}
