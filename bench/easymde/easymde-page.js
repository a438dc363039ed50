// EasyMDE, a popular JavaScript Markdown editor, editing the same exported report with its
// side-by-side preview on: the second reference for the keystroke and load tables.
fetch("report.md")
  .then((response) => (response.ok ? response.text() : ""))
  .then((markdown) => {
    const editor = new EasyMDE({
      element: document.getElementById("source"),
      initialValue: markdown,
      autofocus: false,
      spellChecker: false,
      status: false,
      autoDownloadFontAwesome: false,
    });
    editor.toggleSideBySide();
    window.editor = editor;
    document.body.dataset.ready = "true";
  });
