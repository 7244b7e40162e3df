"""Checks that an HTML file is well-formed enough for report.html: every element that is opened is
closed in order (void elements and <tag/> excepted), and nothing is fetched from elsewhere.
Prints one line of counts, "svg=N histogram=N ladder=N arrows=N", and exits 1 with the problems
on stderr if there are any. Usage: python3 html-check.py FILE"""
import html.parser
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
        self.problems = []
        self.counts = {"svg": 0, "histogram": 0, "ladder": 0, "arrows": 0}

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "svg":
            self.counts["svg"] += 1
            for kind in ("histogram", "ladder"):
                self.counts[kind] += kind in classes
        if tag == "g" and "seg" in classes:
            self.counts["arrows"] += 1
        for name, value in attrs:
            if name in ("src", "href", "xlink:href") or re.search(r"url\(\s*['\"]?(https?:|//)", value or ""):
                self.problems.append("line %d: <%s %s=...> refers elsewhere" % (self.getpos()[0], tag, name))
        if tag in ("script", "link", "iframe", "object", "img"):
            self.problems.append("line %d: <%s> in a self-contained report" % (self.getpos()[0], tag))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("line %d: </%s> closes <%s>" % (self.getpos()[0], tag, self.stack[-1] if self.stack else ""))
            return
        self.stack.pop()


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    checker = Checker()
    checker.feed(text)
    checker.close()
    if not text.startswith("<!DOCTYPE html>"):
        checker.problems.append("does not start with <!DOCTYPE html>")
    if checker.stack:
        checker.problems.append("never closed: " + " ".join(checker.stack))
    if re.search(r"https?://", text):
        checker.problems.append("an http(s) address: " + re.search(r"https?://\S*", text).group(0))
    print(" ".join("%s=%d" % item for item in checker.counts.items()))
    for problem in checker.problems:
        print(problem, file=sys.stderr)
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
