//! resetcheck's pure core: everything that decides, nothing that touches
//! the platform.
//!
//! Probes in the browser hand raw observations to the analyzers here
//! ([`browser::analyze`]), which return a [`report::CheckResult`]; the UI,
//! the completion event and the CLI render the [`report::Report`] with the
//! words from [`messages`] and [`advice`]. This crate never reads a clock,
//! the DOM or the network, so `cargo test` covers all of it.

pub mod advice;
pub mod briefing;
pub mod browser;
pub mod calendar;
pub mod clock;
pub mod code;
pub mod config;
pub mod email;
pub mod extensions;
pub mod input;
pub mod link;
pub mod messages;
pub mod network;
pub mod order;
pub mod platform;
pub mod qr;
pub mod registry;
pub mod report;
pub mod useragent;
pub mod weburl;
