//! A value its holder can lend out whole, so that the borrower holds the only handle to it.
//!
//! burn's optimizer takes a module by value and returns the updated one. Handing it a clone
//! while the trainer keeps the original leaves every parameter with two handles, and Adam must
//! then write the update into new memory instead of over the old values: natively that cost
//! 16–20 % of a two-thread step (two million parameters, 8 MB of fresh pages a step;
//! docs/benchmarks.md). [`Sole::update`] moves the value out for the call instead.

use std::ops::{Deref, DerefMut};

/// What a reader finds after an update that panicked: the value went with the panic.
const LOST: &str = "the trainer's networks were lost by an update that panicked";

/// Holds a value that [`Sole::update`] can move out and back in.
#[derive(Debug)]
pub struct Sole<T>(Option<T>);

impl<T> Sole<T> {
    /// Holds `value`.
    pub fn new(value: T) -> Self {
        Self(Some(value))
    }

    /// Replaces the value by `change(value)`, with no other handle to it during the call.
    pub fn update(&mut self, change: impl FnOnce(T) -> T) {
        let value = self.0.take().expect(LOST);
        self.0 = Some(change(value));
    }
}

impl<T> Deref for Sole<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0.as_ref().expect(LOST)
    }
}

impl<T> DerefMut for Sole<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0.as_mut().expect(LOST)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    /// During the update the value has no second handle, and afterwards it is the new one.
    #[test]
    fn the_update_holds_the_only_handle() {
        let mut held = Sole::new(Rc::new(vec![1, 2, 3]));
        held.update(|mut values| {
            Rc::get_mut(&mut values)
                .expect("no other handle while the update runs")
                .push(4);
            values
        });
        assert_eq!(**held, [1, 2, 3, 4]);
    }

    /// A panicking update loses the value, and a read afterwards says so instead of returning
    /// something stale.
    #[test]
    fn a_read_after_a_panicking_update_says_the_value_is_lost() {
        let mut held = Sole::new(1);
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            held.update(|_| panic!("the update fails"));
        }));
        assert!(panicked.is_err());
        let read = std::panic::catch_unwind(|| *held);
        let message = read.expect_err("reading a lost value panics");
        assert_eq!(
            message.downcast_ref::<String>().map(String::as_str),
            Some(LOST)
        );
    }
}
