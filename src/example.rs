//! The example report the app opens with: one of our golden reports, compiled in so the app
//! works offline and with nothing saved yet.

use postmortem_core::{from_json, ReadError, Report};

const EXAMPLE_JSON: &str = include_str!("../tests/golden/01-checkout-tls.json");

/// The example report, or why it could not be read (a build with a broken example).
pub fn example_report() -> Result<Report, ReadError> {
    from_json(EXAMPLE_JSON)
}
