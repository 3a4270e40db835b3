// A page sent back with errors: focus moves to the error summary, so keyboard and screen-reader users start
// there and can follow its links to each field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".ds-error-summary");
  if (summary) {
    summary.focus();
  }
});
