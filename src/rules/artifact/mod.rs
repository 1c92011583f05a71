//! Scraping artifacts: page furniture left in the article text.

pub mod glued_toggle_label;
