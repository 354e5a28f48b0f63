"""The PDFs' streams deflated by Samling at zlib's default level, with the same content as pydyf's."""

from __future__ import annotations

import io
import zlib

import pydyf
import pytest
from pypdf import PdfReader

from generator.commands.print import compress_streams


def _pdf_with(stream: pydyf.Stream) -> pydyf.PDF:
    pdf = pydyf.PDF()
    pdf.add_object(stream)
    page = pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference, "Contents": stream.reference})
    page["MediaBox"] = pydyf.Array([0, 0, 200, 200])
    pdf.add_page(page)
    return pdf


def _content(pdf: pydyf.PDF) -> bytes:
    out = io.BytesIO()
    pdf.write(out)
    return PdfReader(io.BytesIO(out.getvalue())).pages[0].get_contents().get_data()


def test_streams_hold_what_pydyf_would_have_written() -> None:
    def stream() -> pydyf.Stream:
        s = pydyf.Stream(compress=True)
        s.move_to(10, 10)
        s.line_to(190.5, 190)
        s.stroke()
        s.stream.append(pydyf.Array([1, 2.5, "/Name"]))
        return s

    theirs, ours = _pdf_with(stream()), _pdf_with(stream())
    compress_streams(ours)
    (done,) = (o for o in ours.objects if isinstance(o, pydyf.Stream))
    assert done.compress is False and done.extra["Filter"] == "/FlateDecode"
    assert zlib.decompress(done.stream[0]).startswith(b"10 10 m")
    assert _content(ours) == _content(theirs)


def test_uncompressed_streams_are_left_alone() -> None:
    s = pydyf.Stream(compress=False)
    s.move_to(1, 2)
    pdf = _pdf_with(s)
    compress_streams(pdf)
    assert s.stream == [b"1 2 m"] and "Filter" not in s.extra


def test_without_pydyfs_helper_pydyf_compresses(monkeypatch: pytest.MonkeyPatch) -> None:
    s = pydyf.Stream(compress=True)
    s.move_to(1, 2)
    pdf = _pdf_with(s)
    monkeypatch.delattr(pydyf, "_to_bytes")
    compress_streams(pdf)
    assert s.compress is True and s.stream == [b"1 2 m"]
