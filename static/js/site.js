// A page sent back with errors: focus moves to the error summary, so keyboard and screen-reader users start
// there and can follow its links to each field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".ds-error-summary");
  if (summary) {
    summary.focus();
  }
});

// The header's menu button (under 768 px). Without JavaScript it is a link to the menu, which CSS shows when
// it is the target; here it becomes a button that opens and closes the menu, keeps focus inside the open
// menu (Tab and Shift+Tab go round the button and the menu) and closes on Escape, giving focus back.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".site-menu-button");
  const menu = document.getElementById("site-menu");
  if (!button || !menu) {
    return;
  }
  button.setAttribute("role", "button");
  const isOpen = () => button.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.dataset.open = String(open);
  };
  // Shown and focusable: checkVisibility also leaves out the links of a closed <details> (the user menu).
  const shown = (element) =>
    element.checkVisibility ? element.checkVisibility() : element.getClientRects().length > 0;
  const stops = () =>
    [button, ...menu.querySelectorAll("a[href], button, input, select, textarea, summary")].filter(shown);
  setOpen(false);
  button.addEventListener("click", (event) => {
    event.preventDefault();
    setOpen(!isOpen());
  });
  button.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      setOpen(!isOpen());
    }
  });
  document.addEventListener("keydown", (event) => {
    if (!isOpen() || !shown(button)) {
      return;
    }
    if (event.key === "Escape") {
      setOpen(false);
      button.focus();
    } else if (event.key === "Tab") {
      const all = stops();
      const first = all[0];
      const last = all[all.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });
});

// The user menu (a <details>): Escape closes it and gives focus back to its summary; a click elsewhere closes it.
document.addEventListener("DOMContentLoaded", () => {
  const userMenu = document.querySelector(".user-menu");
  if (!userMenu) {
    return;
  }
  userMenu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && userMenu.open) {
      event.stopPropagation();
      userMenu.open = false;
      userMenu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (userMenu.open && !userMenu.contains(event.target)) {
      userMenu.open = false;
    }
  });
});
