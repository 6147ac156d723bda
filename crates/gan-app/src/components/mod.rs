//! The page's components, one per file. Each reads the shared [`AppContext`] and renders a
//! part of [`gan_page::PageState`]; the logic they show lives in `gan-page`.
//!
//! [`AppContext`]: crate::page::context::AppContext

pub mod app;
pub mod ask_panel;
pub mod axes;
pub mod backend_badge;
pub mod bench_panel;
pub mod chart;
pub mod checkpoint_panel;
pub mod controls;
pub mod data_select;
pub mod digit;
pub mod digit_grid;
pub mod divergence_box;
pub mod duel_diagram;
pub mod export_panel;
pub mod glossary;
pub mod intro;
pub mod judge_panel;
pub mod lesson_bar;
pub mod load_panel;
pub mod notice;
pub mod own_pictures;
pub mod phase_data;
pub mod pixels;
pub mod quiz_panel;
pub mod real_strip;
pub mod scoreboard;
pub mod settings_panel;
pub mod walk_panel;
