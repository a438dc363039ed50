use leptos::prelude::*;
use postmortem_core::Report;

use crate::components::draft_library::DraftLibrary;
use crate::components::export_actions::ExportActions;
use crate::components::file_actions::{handle_file_drop, OpenFileButton};
use crate::components::findings_counter::FindingsCounter;
use crate::components::form_section::{plural, FormCards};
use crate::components::import_markdown::{ImportNotesPanel, LastImport, PasteMarkdownButton, PasteMarkdownDialog};
use crate::components::preview_pane::PreviewPane;
use crate::components::report_form::ReportForm;
use crate::components::review_panel::{ReadinessButton, ReviewPanel};
use crate::components::save_status::{BackupReminder, SaveStatusLine, StorageBanner, UpdateBanner};
use crate::components::section_nav::SectionNav;
use crate::components::share::SharedReport;
use crate::components::toast::Toast;
use crate::example::example_report;
use crate::file_link::FileLink;
use crate::notice::Notices;
use crate::offline::handle_offline;
use crate::state::{use_editor, Editor};
use crate::workspace::{
    handle_autosave, handle_cursor, handle_other_tabs, handle_page_hide, restore_cursor, Workspace,
};

/// Which pane a narrow screen shows.
#[derive(Clone, Copy, PartialEq)]
enum Pane {
    Form,
    Preview,
}

/// The root component: the open draft's editor, form beside live preview, and the drafts.
#[component]
pub fn App() -> impl IntoView {
    let opening = Workspace::start();
    let editor = Editor::new(opening.report, opening.export_options, opening.rules_off);
    let workspace = opening.workspace;
    let backup_due = opening.backup_due;
    let notices = Notices::new();
    provide_context(editor);
    provide_context(workspace);
    provide_context(notices);
    provide_context(FormCards::new(editor));
    handle_autosave(editor, workspace);
    handle_page_hide(editor, workspace);
    handle_other_tabs(editor, workspace);
    handle_cursor(workspace);
    FileLink::provide(editor, workspace, notices);
    let updates = handle_offline();
    let last_import = LastImport(RwSignal::new(None));
    provide_context(last_import);
    let dragging = RwSignal::new(false);
    handle_file_drop(editor, workspace, notices, last_import, dragging);
    if let Some(field) = opening.focused_field {
        restore_cursor(field);
    }
    if opening.unreadable > 0 {
        notices.error(format!(
            "{} could not be read. They are kept unchanged; see Drafts to download them.",
            plural(opening.unreadable, "saved draft")
        ));
    }
    let pane = RwSignal::new(Pane::Form);
    let library_open = RwSignal::new(false);
    let review_open = RwSignal::new(false);
    let paste_open = RwSignal::new(false);
    view! {
        <header class="app-bar">
            <div class="brand">
                <img src="favicon.svg" alt="" width="28" height="28" />
                <span>"Postmortem Studio"</span>
            </div>
            <button type="button" class="button on-dark" data-testid="open-library" on:click=move |_| library_open.set(true)>
                "Drafts"
            </button>
            <OpenFileButton label="Open…" dark=true />
            <PasteMarkdownButton open=paste_open />
            <SaveStatusLine />
            <div class="app-bar-actions">
                <ReadinessButton open=review_open />
                <FindingsCounter />
                <ExportActions />
            </div>
        </header>
        <UpdateBanner updates=updates />
        <StorageBanner />
        <BackupReminder due=backup_due />
        <DraftLibrary open=library_open />
        <ReviewPanel open=review_open />
        <SharedReport />
        <PasteMarkdownDialog open=paste_open />
        <Toast />
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true">"Drop a Markdown postmortem, a JSON report or a backup to open it"</div>
        </Show>
        <div class="pane-tabs" role="tablist" aria-label="Show">
            <PaneTab pane=pane which=Pane::Form label="Form" />
            <PaneTab pane=pane which=Pane::Preview label="Preview" />
        </div>
        <main class="workspace">
            <div class="pane form-pane" class:pane-hidden=move || pane.get() != Pane::Form data-testid="form-pane">
                <SectionNav />
                <ImportNotesPanel />
                <StartHint />
                <ReportForm />
            </div>
            <div
                class="pane preview-pane"
                class:pane-hidden=move || pane.get() != Pane::Preview
                data-testid="preview-pane"
            >
                <PreviewPane />
            </div>
        </main>
    }
}

#[component]
fn PaneTab(pane: RwSignal<Pane>, which: Pane, label: &'static str) -> impl IntoView {
    view! {
        <button
            type="button"
            role="tab"
            aria-selected=move || (pane.get() == which).to_string()
            on:click=move |_| pane.set(which)
        >
            {label}
        </button>
    }
}

/// Shown while the report is blank: where to start, and a finished example to look at.
#[component]
fn StartHint() -> impl IntoView {
    let editor = use_editor();
    let blank = editor.select(|r| *r == Report::default());
    let problem = RwSignal::new(None::<String>);
    let open_example = move |_| match example_report() {
        Ok(report) => editor.replace(report),
        Err(error) => problem.set(Some(format!("The example could not be opened: {error}"))),
    };
    view! {
        <Show when=move || blank.get()>
            <aside class="start-hint" data-testid="start-hint">
                <div>
                    <p class="start-hint-title">"Start with the title and when it happened."</p>
                    <p>"Each section says what readers need. The preview shows the Markdown you will export."</p>
                    {move || problem.get().map(|p| view! { <p class="finding finding-error">{p}</p> })}
                </div>
                <div class="start-hint-actions">
                    <button type="button" class="button secondary" on:click=open_example>
                        "Open the example report"
                    </button>
                </div>
            </aside>
        </Show>
    }
}
