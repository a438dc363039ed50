//! What every editable list in the form shares: add, remove, move up and down with buttons
//! or Alt+Arrow keys, with focus following the moved item.

use leptos::prelude::*;
use postmortem_core::Report;
use wasm_bindgen::JsCast;

use crate::components::field::{Control, TextField};
use crate::state::{field_id, use_editor, Editor};

/// One list in the report, as a pair of accessors, and what the form does with its items.
pub struct ReportList<T: 'static> {
    pub get: fn(&Report) -> &Vec<T>,
    pub get_mut: fn(&mut Report) -> &mut Vec<T>,
}

impl<T: 'static> Clone for ReportList<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for ReportList<T> {}

impl<T: 'static> ReportList<T> {
    /// What an input of the item at `index` shows (empty once the item is gone).
    pub fn text(self, editor: Editor, index: usize, read: fn(&T) -> String) -> Signal<String> {
        editor.field(move |r| (self.get)(r).get(index).map(read).unwrap_or_default())
    }

    /// A callback writing an input's new text into the item at `index`.
    pub fn setter(self, editor: Editor, index: usize, apply: fn(&mut T, String)) -> Callback<String> {
        Callback::new(move |text: String| {
            editor.edit(|r| {
                if let Some(item) = (self.get_mut)(r).get_mut(index) {
                    apply(item, text)
                }
            })
        })
    }

    /// Appends an item and moves the focus to its first field, named by its path. The other
    /// items are unchanged, so their inputs need not read the report again.
    pub fn append(self, editor: Editor, item: T, focus_path: impl FnOnce(usize) -> String) {
        let index = editor.report.with_untracked(|r| (self.get)(r).len());
        editor.edit(|r| (self.get_mut)(r).push(item));
        let id = field_id(&focus_path(index));
        // The new item's inputs exist from the next frame. If the focus has moved by then
        // (the author already clicked or tabbed into another field), it is not taken back.
        let focused_then = document().active_element();
        request_animation_frame(move || {
            let focused_now = document().active_element();
            let unmoved = match (&focused_then, &focused_now) {
                (Some(then), now) => then.is_same_node(now.as_ref().map(|n| n.as_ref())),
                (None, now) => now.is_none(),
            };
            if unmoved {
                focus_by_id(&id);
            }
        });
    }

    pub fn ops(self, editor: Editor) -> ListOps {
        ListOps::new(editor, self.get, self.get_mut)
    }
}

/// The button under a list that adds an item.
#[component]
pub fn AddButton(
    /// The button's text ("Add task").
    label: &'static str,
    on_add: Callback<()>,
) -> impl IntoView {
    view! {
        <button type="button" class="button secondary" on:click=move |_| on_add.run(())>
            {label}
        </button>
    }
}

/// Moving and removing the items of one list in the report.
#[derive(Clone, Copy)]
pub struct ListOps {
    /// Moves the item at the first index to the second.
    pub move_item: Callback<(usize, usize)>,
    pub remove: Callback<usize>,
    /// The number of items.
    pub len: Signal<usize>,
}

impl ListOps {
    pub fn new<T: 'static>(
        editor: Editor,
        get: fn(&Report) -> &Vec<T>,
        get_mut: fn(&mut Report) -> &mut Vec<T>,
    ) -> Self {
        Self {
            move_item: Callback::new(move |(from, to): (usize, usize)| {
                editor.update(|r| {
                    let list = get_mut(r);
                    if from < list.len() && to < list.len() {
                        let item = list.remove(from);
                        list.insert(to, item);
                    }
                })
            }),
            remove: Callback::new(move |index: usize| {
                editor.update(|r| {
                    let list = get_mut(r);
                    if index < list.len() {
                        list.remove(index);
                    }
                })
            }),
            // Follows every change (appending is not a refresh), but notifies only when the
            // length itself changes.
            len: editor.select(move |r| get(r).len()).into(),
        }
    }
}

/// Alt+ArrowUp / Alt+ArrowDown inside an item moves it; focus stays on the same control of the
/// moved item. `id_prefix` is the field id prefix of the list (`field-timeline-`).
pub fn reorder_keys(ops: ListOps, index: usize, id_prefix: String) -> impl Fn(leptos::ev::KeyboardEvent) {
    move |ev| {
        if !ev.alt_key() {
            return;
        }
        let target = match ev.key().as_str() {
            "ArrowUp" if index > 0 => index - 1,
            "ArrowDown" if index + 1 < ops.len.get_untracked() => index + 1,
            _ => return,
        };
        ev.prevent_default();
        let focused_id = document().active_element().map(|e| e.id()).unwrap_or_default();
        ops.move_item.run((index, target));
        let old = format!("{id_prefix}{index}");
        if let Some(rest) = focused_id
            .strip_prefix(&old)
            .filter(|rest| rest.is_empty() || rest.starts_with('-'))
        {
            let new_id = format!("{id_prefix}{target}{rest}");
            request_animation_frame(move || focus_by_id(&new_id));
        }
    }
}

pub fn focus_by_id(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

/// Move up, move down and remove buttons for one item.
#[component]
pub fn ItemControls(
    /// The item's position.
    index: usize,
    /// What the item is called in button labels ("entry").
    noun: &'static str,
    ops: ListOps,
) -> impl IntoView {
    let number = index + 1;
    let is_last = move || index + 1 >= ops.len.get();
    view! {
        <div class="item-controls">
            <button
                type="button"
                class="icon-button"
                title="Move up (Alt+↑)"
                aria-label=format!("Move {noun} {number} up")
                disabled=move || index == 0
                on:click=move |_| ops.move_item.run((index, index - 1))
            >
                "↑"
            </button>
            <button
                type="button"
                class="icon-button"
                title="Move down (Alt+↓)"
                aria-label=format!("Move {noun} {number} down")
                disabled=is_last
                on:click=move |_| ops.move_item.run((index, index + 1))
            >
                "↓"
            </button>
            <button
                type="button"
                class="icon-button danger"
                title="Remove"
                aria-label=format!("Remove {noun} {number}")
                on:click=move |_| ops.remove.run(index)
            >
                "✕"
            </button>
        </div>
    }
}

/// An editable list of one-line texts (improvements, lessons).
#[component]
pub fn StringList(
    /// The label of one item ("Improvement").
    item_label: &'static str,
    /// What one item is called in button labels ("improvement").
    noun: &'static str,
    /// The list's path in the report (`measures.improvements`).
    path: &'static str,
    get: fn(&Report) -> &Vec<String>,
    get_mut: fn(&mut Report) -> &mut Vec<String>,
    /// The add button's text.
    add_label: &'static str,
    /// An example item.
    #[prop(optional)]
    placeholder: &'static str,
) -> impl IntoView {
    let item = RowField {
        label: item_label,
        field: "",
        placeholder,
        grow: true,
        read: String::clone,
        write: |item, text| *item = text,
    };
    view! { <FieldList list=ReportList { get, get_mut } path=path fields=vec![item] noun=noun add_label=add_label /> }
}

/// One text input in each row of a [`FieldList`].
pub struct RowField<T: 'static> {
    /// The visible label ("Name").
    pub label: &'static str,
    /// The item's field, as the last part of its path (`name`); empty for the item itself.
    pub field: &'static str,
    pub placeholder: &'static str,
    /// Whether the input takes the row's spare width.
    pub grow: bool,
    pub read: fn(&T) -> String,
    pub write: fn(&mut T, String),
}

// Plain data (strings and function pointers), whatever `T` is.
impl<T: 'static> Clone for RowField<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for RowField<T> {}

impl<T: 'static> RowField<T> {
    /// The input's path in the report for the item at `index` of the list at `list_path`.
    fn path(&self, list_path: &str, index: usize) -> String {
        match self.field {
            "" => format!("{list_path}[{index}]"),
            field => format!("{list_path}[{index}].{field}"),
        }
    }
}

/// An editable list whose items are short texts side by side (an improvement; a responder's
/// name and role; an image's address and description).
#[component]
pub fn FieldList<T: Default + Send + Sync + 'static>(
    list: ReportList<T>,
    /// The list's path in the report (`responders`).
    path: &'static str,
    /// The inputs of a row, in order; a new item's focus goes to the first.
    fields: Vec<RowField<T>>,
    /// What one item is called in button labels ("responder").
    noun: &'static str,
    /// The add button's text.
    add_label: &'static str,
) -> impl IntoView {
    let editor = use_editor();
    let ops = list.ops(editor);
    let id_prefix = format!("{}-", field_id(path));
    // Rows of several inputs wrap on narrow screens.
    let item_class = if fields.len() > 1 { "pair-item" } else { "string-item" };
    let first = fields.first().copied();
    view! {
        <ol class="string-list">
            <For
                each=move || 0..ops.len.get()
                key=|index| *index
                children=move |index| {
                    let inputs = fields
                        .iter()
                        .map(|field| {
                            view! {
                                <TextField
                                    label=field.label
                                    path=field.path(path, index)
                                    value=list.text(editor, index, field.read)
                                    on_input=list.setter(editor, index, field.write)
                                    placeholder=field.placeholder
                                    control=Control::Line
                                    class=if field.grow { "grow" } else { "" }
                                />
                            }
                        })
                        .collect_view();
                    view! {
                        <li class=item_class on:keydown=reorder_keys(ops, index, id_prefix.clone())>
                            {inputs}
                            <ItemControls index=index noun=noun ops=ops />
                        </li>
                    }
                }
            />
        </ol>
        <AddButton
            label=add_label
            on_add=Callback::new(move |()| {
                list.append(editor, T::default(), |i| first.map(|f| f.path(path, i)).unwrap_or_default())
            })
        />
    }
}
