//! The visible signature (Nghị định 30/2020, Phụ lục I; nd30-layout.md "Digital signature
//! display"): the signer's signature image centred in the signature space, scaled to fit
//! with its aspect kept, and the agency's seal at its true size over the left third of
//! the signature image. Drawn as the widget's normal appearance (ISO 32000-1 §12.5.5), a
//! form XObject whose /BBox is the widget's /Rect.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream};
use png::{ColorType, Transformations, Unit};

use super::incremental::Update;
use super::syntax::real;
use crate::pdf::PT_PER_MM;
use crate::sign::SignError;

/// The width of a seal image without a physical size (pHYs): the common 36 mm round seal.
const DEFAULT_SEAL_WIDTH_MM: f64 = 36.0;

/// A decoded PNG: 8-bit gray or RGB samples and, when not opaque, an alpha channel.
pub struct Picture {
    width_px: u32,
    height_px: u32,
    gray: bool,
    color: Vec<u8>,
    alpha: Option<Vec<u8>>,
    /// Physical size in points, from the pHYs chunk when it gives pixels per metre.
    size_pt: Option<(f64, f64)>,
}

impl Picture {
    /// Decodes `png` (any bit depth, palette, gray, RGB, with or without alpha); `what`
    /// names the image in the error ("chữ ký", "con dấu").
    pub fn decode(png: &[u8], what: &'static str) -> Result<Picture, SignError> {
        let bad = |detail: String| SignError::BadImage { what, detail };
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        // 16-bit samples to 8, palettes and low-bit gray expanded, tRNS to alpha.
        decoder.set_transformations(Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().map_err(|e| bad(e.to_string()))?;
        let size_pt = reader.info().pixel_dims.and_then(|d| {
            (d.unit == Unit::Meter && d.xppu > 0 && d.yppu > 0).then(|| {
                let (w, h) = reader.info().size();
                let points = |px: u32, per_metre: u32| {
                    f64::from(px) / f64::from(per_metre) * 1000.0 * PT_PER_MM
                };
                (points(w, d.xppu), points(h, d.yppu))
            })
        });
        let length = reader
            .output_buffer_size()
            .ok_or_else(|| bad("ảnh quá lớn".into()))?;
        let mut buffer = vec![0; length];
        let frame = reader
            .next_frame(&mut buffer)
            .map_err(|e| bad(e.to_string()))?;
        buffer.truncate(frame.buffer_size());
        let (gray, channels, has_alpha) = match frame.color_type {
            ColorType::Grayscale => (true, 1, false),
            ColorType::GrayscaleAlpha => (true, 2, true),
            ColorType::Rgb => (false, 3, false),
            ColorType::Rgba => (false, 4, true),
            ColorType::Indexed => return Err(bad("bảng màu không giải được".into())),
        };
        let pixels = frame.width as usize * frame.height as usize;
        if frame.width == 0 || frame.height == 0 || buffer.len() < pixels * channels {
            return Err(bad("ảnh rỗng".into()));
        }
        let color_channels = channels - usize::from(has_alpha);
        let mut color = Vec::with_capacity(pixels * color_channels);
        let mut alpha = Vec::with_capacity(if has_alpha { pixels } else { 0 });
        for pixel in buffer.chunks_exact(channels).take(pixels) {
            color.extend_from_slice(&pixel[..color_channels]);
            if has_alpha {
                alpha.push(pixel[color_channels]);
            }
        }
        let opaque = alpha.iter().all(|a| *a == 255);
        Ok(Picture {
            width_px: frame.width,
            height_px: frame.height,
            gray,
            color,
            alpha: (has_alpha && !opaque).then_some(alpha),
            size_pt,
        })
    }

    fn aspect(&self) -> f64 {
        f64::from(self.height_px) / f64::from(self.width_px)
    }

    /// The image XObject (§8.9.5), its transparency as a soft mask (§11.6.5.3).
    fn write(&self, update: &mut Update) -> ObjectId {
        let image = |color_space: &str, samples: &[u8]| {
            let dict = dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => i64::from(self.width_px),
                "Height" => i64::from(self.height_px),
                "ColorSpace" => color_space,
                "BitsPerComponent" => 8,
                "Filter" => "FlateDecode",
            };
            (dict, deflate(samples))
        };
        let (mut dict, content) = image(
            if self.gray { "DeviceGray" } else { "DeviceRGB" },
            &self.color,
        );
        if let Some(alpha) = &self.alpha {
            let (mask_dict, mask) = image("DeviceGray", alpha);
            let mask_id = update.new_id();
            update.put(mask_id, Object::Stream(Stream::new(mask_dict, mask)));
            dict.set("SMask", mask_id);
        }
        let id = update.new_id();
        update.put(id, Object::Stream(Stream::new(dict, content)));
        id
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// A box in page space: left, bottom, width, height (points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// From a PDF rectangle [x0 y0 x1 y1] (normalised).
    pub fn from_rect(rect: [f32; 4]) -> Frame {
        let [x0, y0, x1, y1] = rect.map(f64::from);
        Frame {
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
        }
    }

    pub fn rect(&self) -> Vec<Object> {
        [self.x, self.y, self.x + self.width, self.y + self.height]
            .into_iter()
            .map(|v| Object::Real(v as f32))
            .collect()
    }

    fn union(&self, other: &Frame) -> Frame {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Frame {
            x,
            y,
            width: (self.x + self.width).max(other.x + other.width) - x,
            height: (self.y + self.height).max(other.y + other.height) - y,
        }
    }
}

/// Where the images go for a signature space.
pub struct Appearance<'a> {
    /// The widget's rectangle: the signature space, grown to hold a seal that sticks out.
    pub rect: Frame,
    signature: Option<(&'a Picture, Frame)>,
    seal: Option<(&'a Picture, Frame)>,
}

impl<'a> Appearance<'a> {
    /// Places the images in `space`. The seal's right edge is a third into the signature
    /// image (into the space when there is no signature image: the leader's signature,
    /// signed earlier, is centred there), centred vertically.
    pub fn lay_out(
        space: Frame,
        signature: Option<&'a Picture>,
        seal: Option<&'a Picture>,
    ) -> Appearance<'a> {
        let signature = signature.map(|picture| {
            let width = space.width.min(space.height / picture.aspect());
            let height = width * picture.aspect();
            let frame = Frame {
                x: space.x + (space.width - width) / 2.0,
                y: space.y + (space.height - height) / 2.0,
                width,
                height,
            };
            (picture, frame)
        });
        let seal = seal.map(|picture| {
            let (width, height) = picture.size_pt.unwrap_or_else(|| {
                let width = DEFAULT_SEAL_WIDTH_MM * PT_PER_MM;
                (width, width * picture.aspect())
            });
            let under = signature.map_or(space, |(_, frame)| frame);
            let frame = Frame {
                x: under.x + under.width / 3.0 - width,
                y: under.y + (under.height - height) / 2.0,
                width,
                height,
            };
            (picture, frame)
        });
        let rect = seal.map_or(space, |(_, frame)| space.union(&frame));
        Appearance {
            rect,
            signature,
            seal,
        }
    }

    /// Writes the images and the form XObject drawing them (the seal over the signature,
    /// as it is stamped on paper); returns the form's id.
    pub fn write(&self, update: &mut Update) -> ObjectId {
        let mut resources = Dictionary::new();
        let mut content = String::new();
        for (name, (picture, frame)) in [("Sig", self.signature), ("Seal", self.seal)]
            .into_iter()
            .filter_map(|(name, placed)| placed.map(|p| (name, p)))
        {
            let id = picture.write(update);
            resources.set(name, id);
            content.push_str(&format!(
                "q {} 0 0 {} {} {} cm /{name} Do Q\n",
                real(frame.width),
                real(frame.height),
                real(frame.x),
                real(frame.y)
            ));
        }
        let form = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => self.rect.rect(),
            "Resources" => dictionary! { "XObject" => resources },
        };
        let id = update.new_id();
        update.put(id, Object::Stream(Stream::new(form, content.into_bytes())));
        id
    }
}
