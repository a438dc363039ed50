use leptos::prelude::*;

use crate::notice::use_notices;

/// The current notice, at the bottom of the screen, with Undo when the action can be undone.
#[component]
pub fn Toast() -> impl IntoView {
    let notices = use_notices();
    move || {
        notices.current().map(|notice| {
            let undo = notice.undo;
            view! {
                <div class="toast" class:toast-error=notice.is_error role="status" data-testid="toast">
                    <span>{notice.text}</span>
                    {undo.map(|undo| view! {
                        <button type="button" class="button secondary small" on:click=move |_| { undo(); notices.dismiss(); }>
                            "Undo"
                        </button>
                    })}
                    <button type="button" class="icon-button" aria-label="Dismiss" on:click=move |_| notices.dismiss()>"✕"</button>
                </div>
            }
        })
    }
}
