// A page sent back with errors: focus moves to the error summary, so keyboard and screen-reader users start
// there and can follow its links to each field.
// Otherwise the messages about what the person just did (saved, sent, flagged) get focus. On a page opened at
// an anchor (the post just reported) they would be off-screen at the top, so they float over the window's top
// until closed (the button, or Escape) and the page stays where the anchor put it.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".ds-error-summary");
  if (summary) {
    summary.focus();
    return;
  }
  const messages = document.querySelector(".messages");
  if (!messages) {
    return;
  }
  const target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  if (target) {
    const close = messages.querySelector(".messages__close");
    const dismiss = () => {
      messages.classList.remove("messages--floating");
      close.hidden = true;
    };
    messages.classList.add("messages--floating");
    close.hidden = false;
    close.addEventListener("click", () => {
      dismiss();
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    });
    messages.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        dismiss();
      }
    });
  }
  if (target) {
    // The browser scrolls to the anchor once the page has loaded, and drops focus as it does.
    window.addEventListener("load", () => messages.focus({ preventScroll: true }));
  } else {
    messages.focus();
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
