//! What every editable list in the form shares: add, remove, move up and down with buttons
//! or Alt+Arrow keys, with focus following the moved item.

use leptos::prelude::*;
use postmortem_core::Report;
use wasm_bindgen::JsCast;

use postmortem_core::fields::{item_path, Field, Input, TextList};

use crate::components::field::FieldControl;
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

/// An editable list of one-line texts (improvements, lessons), as `fields::text_list`
/// describes it.
#[component]
pub fn StringList(list: TextList) -> impl IntoView {
    view! {
        <FieldList
            list=ReportList { get: list.get, get_mut: list.get_mut }
            path=list.path
            fields=std::slice::from_ref(&list.item).to_vec()
            noun=list.noun
            add_label=list.add_label
        />
    }
}

/// An editable list of the report, each item's inputs as `fields` describes them. Items of a
/// few short fields sit in a row (an improvement; a responder's name and role); `stacked`
/// items put the first field beside the item's buttons and the rest below it (a task and how
/// it is tracked).
#[component]
pub fn FieldList<T: Default + Send + Sync + 'static>(
    list: ReportList<T>,
    /// The list's path in the report (`responders`).
    path: &'static str,
    /// The inputs of an item, in order; a new item's focus goes to the first.
    fields: Vec<Field<T>>,
    /// What one item is called in button labels ("responder").
    noun: &'static str,
    /// The add button's text.
    add_label: &'static str,
    /// The first field on its own line with the buttons, the others in a grid below.
    #[prop(optional)]
    stacked: bool,
) -> impl IntoView {
    // Only the binding of an input to its item depends on `T`; the rows are drawn by one
    // non-generic component for every kind of list, so the wasm holds one copy of them.
    let editor = use_editor();
    let first = fields.first().map(|f| f.path).unwrap_or_default();
    let inputs = fields
        .iter()
        .map(|field| RowInput {
            label: field.label,
            field: field.path,
            placeholder: field.placeholder,
            input: field.input,
            wide: field.wide,
        })
        .collect();
    let read: Vec<fn(&T) -> String> = fields.iter().map(|f| f.read).collect();
    let write: Vec<fn(&mut T, String)> = fields.iter().map(|f| f.write).collect();
    let bind = Callback::new(move |(index, field): (usize, usize)| {
        (
            list.text(editor, index, read[field]),
            list.setter(editor, index, write[field]),
        )
    });
    let on_add = Callback::new(move |()| list.append(editor, T::default(), |i| item_path(path, first, i)));
    view! { <ItemList ops=list.ops(editor) path=path inputs=inputs bind=bind noun=noun add_label=add_label on_add=on_add stacked=stacked /> }
}

/// The parts of a field's description a row draws.
#[derive(Clone, Copy)]
struct RowInput {
    label: &'static str,
    field: &'static str,
    placeholder: &'static str,
    input: Input,
    wide: bool,
}

#[component]
fn ItemList(
    ops: ListOps,
    path: &'static str,
    inputs: Vec<RowInput>,
    /// The value and the change callback of input `.1` of item `.0`.
    bind: Callback<(usize, usize), (Signal<String>, Callback<String>)>,
    noun: &'static str,
    add_label: &'static str,
    on_add: Callback<()>,
    stacked: bool,
) -> impl IntoView {
    let id_prefix = format!("{}-", field_id(path));
    let input = move |at: usize, row: RowInput, index: usize| {
        let (value, on_change) = bind.run((index, at));
        view! {
            <FieldControl
                label=row.label
                input=row.input
                placeholder=row.placeholder
                path=item_path(path, row.field, index)
                value=value
                on_change=on_change
                class=if row.wide { "grow" } else { "" }
            />
        }
    };
    let (list_class, item_class) = match (stacked, inputs.len()) {
        (true, _) => ("card-list", "card-item"),
        (false, 1) => ("string-list", "string-item"),
        (false, _) => ("string-list", "pair-item"),
    };
    view! {
        <ol class=list_class>
            <For
                each=move || 0..ops.len.get()
                key=|index| *index
                children=move |index| {
                    let mut all = inputs.iter().enumerate().map(|(at, row)| input(at, *row, index));
                    let controls = view! { <ItemControls index=index noun=noun ops=ops /> };
                    let item = if stacked {
                        let head = all.next();
                        view! {
                            <div class="card-item-head">{head} {controls}</div>
                            <div class="card-item-details">{all.collect_view()}</div>
                        }
                        .into_any()
                    } else {
                        view! { {all.collect_view()} {controls} }.into_any()
                    };
                    view! {
                        <li class=item_class data-testid=noun on:keydown=reorder_keys(ops, index, id_prefix.clone())>
                            {item}
                        </li>
                    }
                }
            />
        </ol>
        <AddButton label=add_label on_add=on_add />
    }
}
