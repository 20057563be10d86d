/*
 * tests/html-check.js - appended by tests/html.sh to a test-only copy of
 * an HTML report (smtplog's pages have no script of their own), which
 * headless Chromium shows in an iframe of the width under test. It
 * checks the layout as rendered and posts its verdict to the page
 * around the frame, which writes it into its DOM for html.sh to read
 * back with --dump-dom: "PASS width=375", or "FAIL width=375" and one
 * line per problem.
 *
 * Problems: the page scrolls sideways; an element sticks out of the
 * page (inside a .wrap scroller only the scroller counts, and at 600
 * pixels and more it must not need to scroll); a chart other than the
 * expected count, with no size, drawing nothing, drawing outside its
 * viewBox (a label too long), or without a title and aria-label.
 */
(function () {
	var errs = [];
	var html = document.documentElement;
	var W = html.clientWidth;
	var want = Number((location.hash.match(/charts=(\d+)/) || [0, -1])[1]);
	var i, r, e, all, svgs, bb, vb;

	function where(el) {
		var s = el.tagName.toLowerCase();
		if (el.id)
			s += "#" + el.id;
		if (el.className && typeof el.className === "string")
			s += "." + el.className.split(" ").join(".");
		return s;
	}

	if (html.scrollWidth > W)
		errs.push("page scrolls sideways: " + html.scrollWidth + " > " + W);
	all = document.querySelectorAll("body *");
	for (i = 0; i < all.length; i++) {
		e = all[i];
		if (e.parentElement.closest(".wrap") || e.parentElement.closest("svg"))
			continue;
		r = e.getBoundingClientRect();
		if (r.right > W + 0.5 || r.left < -0.5)
			errs.push("sticks out: " + where(e) + " from " +
			    Math.round(r.left) + " to " + Math.round(r.right) +
			    " of " + W);
		if (e.classList.contains("wrap") && W >= 600 &&
		    e.scrollWidth > e.clientWidth)
			errs.push("needs a scroll bar at " + W + ": " + where(e) +
			    " " + e.scrollWidth + " > " + e.clientWidth);
	}
	svgs = document.querySelectorAll("svg");
	if (want >= 0 && svgs.length !== want)
		errs.push("charts: " + svgs.length + ", expected " + want);
	for (i = 0; i < svgs.length; i++) {
		r = svgs[i].getBoundingClientRect();
		if (r.width < 1 || r.height < 1)
			errs.push("chart " + i + " has no size");
		bb = svgs[i].getBBox();
		vb = svgs[i].viewBox.baseVal;
		if (bb.width < 1 || bb.height < 1)
			errs.push("chart " + i + " draws nothing");
		if (bb.x < vb.x - 0.5 || bb.y < vb.y - 0.5 ||
		    bb.x + bb.width > vb.x + vb.width + 0.5 ||
		    bb.y + bb.height > vb.y + vb.height + 0.5)
			errs.push("chart " + i + " draws outside its viewBox: " +
			    [bb.x, bb.y, bb.width, bb.height].map(Math.round) +
			    " in " + [vb.x, vb.y, vb.width, vb.height]);
		if (!svgs[i].querySelector("title") ||
		    !svgs[i].getAttribute("aria-label"))
			errs.push("chart " + i + " has no text alternative");
	}
	parent.postMessage((errs.length ? "FAIL width=" : "PASS width=") + W +
	    (errs.length ? "\n" + errs.join("\n") : ""), "*");
})();
