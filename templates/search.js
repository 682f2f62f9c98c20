// papersmith: the site search. Pagefind's UI, over the index built with the site, in the box
// in every page's header. Without JavaScript (or opened from disk, where the index cannot be
// fetched) the box stays empty and the rest of the page is unaffected.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("site-search");
  if (!box || typeof PagefindUI !== "function") return;
  new PagefindUI({
    element: box,
    baseUrl: box.getAttribute("data-base-url") || "/",
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    translations: { placeholder: "Search the papers and case studies", search_label: "Search this site" },
  });
});
