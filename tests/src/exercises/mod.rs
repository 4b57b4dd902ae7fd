//! The checks of each exercise, one module per exercise.

pub mod ex05;
pub mod ex07;
