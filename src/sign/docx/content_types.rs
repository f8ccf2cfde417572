//! `[Content_Types].xml` (ECMA-376 Part 2 §10.1.2): the content type of each part, by
//! `Override` for its name or `Default` for its extension.

use super::package::{equivalence_key, Package};
use super::xml;
use crate::sign::SignError;

pub const NAME: &str = "/[Content_Types].xml";
const NAMESPACE: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

pub struct ContentTypes {
    /// (extension, lower case; content type)
    defaults: Vec<(String, String)>,
    /// (part name equivalence key; content type)
    overrides: Vec<(String, String)>,
}

impl ContentTypes {
    /// The content types of `package`, which must have them (a Word file always does).
    pub fn read(package: &Package) -> Result<Self, SignError> {
        let text = package.text(NAME).ok_or(SignError::UnknownFormat)??;
        Self::parse(text)
            .map_err(|e| SignError::MalformedDocument(format!("phần {NAME} hỏng: {e}")))
    }

    pub fn parse(xml: &str) -> Result<Self, String> {
        let doc = xml::parse(xml)?;
        let mut types = ContentTypes {
            defaults: Vec::new(),
            overrides: Vec::new(),
        };
        for element in doc.root_element().children() {
            let content_type = element.attribute("ContentType").unwrap_or_default();
            if element.has_tag_name((NAMESPACE, "Default")) {
                if let Some(extension) = element.attribute("Extension") {
                    types
                        .defaults
                        .push((extension.to_ascii_lowercase(), content_type.to_owned()));
                }
            } else if element.has_tag_name((NAMESPACE, "Override")) {
                if let Some(name) = element.attribute("PartName") {
                    types
                        .overrides
                        .push((equivalence_key(name), content_type.to_owned()));
                }
            }
        }
        Ok(types)
    }

    /// The content type of the part `name` (§10.1.2.4: the override, else the default of
    /// its extension).
    pub fn of(&self, name: &str) -> Option<&str> {
        let key = equivalence_key(name);
        if let Some((_, t)) = self.overrides.iter().find(|(n, _)| *n == key) {
            return Some(t);
        }
        self.default_for(extension(name)?)
    }

    pub fn default_for(&self, extension: &str) -> Option<&str> {
        let extension = extension.to_ascii_lowercase();
        self.defaults
            .iter()
            .find(|(e, _)| *e == extension)
            .map(|(_, t)| t.as_str())
    }
}

/// The extension of the last segment of `name`, if any.
pub fn extension(name: &str) -> Option<&str> {
    let file = name.rsplit('/').next()?;
    file.rsplit_once('.').map(|(_, ext)| ext)
}
