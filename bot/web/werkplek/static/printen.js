// The card page's print button (no inline script: the workspace's CSP allows only its own files).
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
