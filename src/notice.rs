//! Short messages after an action ("Deleted “Login outage”. Undo"), one at a time.

use std::rc::Rc;

use leptos::prelude::*;

#[derive(Clone)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// An action that reverses what was just done. A plain closure, not a reactive callback:
    /// it must outlive the view it came from (a deleted draft's row is gone when Undo is
    /// pressed).
    pub undo: Option<Rc<dyn Fn()>>,
}

/// The current notice, provided by the root component.
#[derive(Clone, Copy)]
pub struct Notices(RwSignal<Option<Notice>, LocalStorage>);

impl Notices {
    pub fn new() -> Self {
        Self(RwSignal::new_local(None))
    }

    pub fn info(&self, text: impl Into<String>) {
        self.0.set(Some(Notice {
            text: text.into(),
            is_error: false,
            undo: None,
        }));
    }

    pub fn error(&self, text: impl Into<String>) {
        self.0.set(Some(Notice {
            text: text.into(),
            is_error: true,
            undo: None,
        }));
    }

    pub fn with_undo(&self, text: impl Into<String>, undo: impl Fn() + 'static) {
        self.0.set(Some(Notice {
            text: text.into(),
            is_error: false,
            undo: Some(Rc::new(undo)),
        }));
    }

    pub fn current(&self) -> Option<Notice> {
        self.0.get()
    }

    pub fn dismiss(&self) {
        self.0.set(None);
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}
