// The least any JavaScript Markdown editor does per keystroke: render the whole document with
// markdown-it and replace the preview's innerHTML. `make bench` compares the app against this.
const md = window.markdownit();
const source = document.getElementById("source");
const preview = document.getElementById("preview");
const render = () => {
  preview.innerHTML = md.render(source.value);
};
source.addEventListener("input", render);
fetch("report.md")
  .then((response) => response.text())
  .then((text) => {
    source.value = text;
    render();
    document.body.dataset.ready = "true";
  });
