//! Cross-references between the Khung data and the catalogue.

use khcds::{catalog, framework};

#[test]
fn the_khung_legal_bases_are_in_the_catalogue() {
    let catalog = catalog::current();
    for basis in &framework::current().legal_bases {
        assert!(
            catalog.legal_document(&basis.catalog_id).is_some(),
            "{} is not in assets/catalog/legal-documents.json",
            basis.catalog_id
        );
    }
}

#[test]
fn the_khung_indicator_units_are_catalogued_units() {
    let units = &catalog::current().units;
    for indicator in &framework::current().indicators {
        assert!(
            units.iter().any(|u| u.symbol == indicator.unit),
            "{}: unit «{}» is not in assets/catalog/units.json",
            indicator.id,
            indicator.unit
        );
    }
}
