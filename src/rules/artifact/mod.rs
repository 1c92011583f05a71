//! Scraping artifacts: page furniture left in the article text.

pub mod blank_line_run;
pub mod comment_thread;
pub mod contact_details;
pub mod corpus_boilerplate;
pub mod furniture_line;
pub mod furniture_model;
pub mod glued_toggle_label;
pub mod repeated_sentence;
pub mod trailing_menu;
