"""How each model family is prompted: prefixes, source-language setting and the target-language token.

These rules are the only family-specific part of translation; everything else (batching, splitting,
generation) is shared. Each function takes the :class:`~vnsumm.config.ModelSpec` and, where needed, the
loaded tokenizer, so they can be checked without a model.

Both engines use the same rules. transformers gets the target code as ``generate`` arguments
(:func:`target_kwargs`); CTranslate2 gets it as a target prefix token (:func:`ct2_target_prefix`) and, for
the ``decoder_start`` mode, as the decoder's start token (:func:`ct2_decoder_start`, fixed at conversion).
The source code token needs nothing per engine: the tokenizer adds it (:func:`prepare_tokenizer`), and
CTranslate2 is given the tokens the tokenizer made.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..config import LANGUAGE_CODE_FAMILIES, ModelSpec
from ..errors import ConfigError


def model_input(spec: ModelSpec, text: str) -> str:
    """The text given to the tokenizer: T5 prompts carry their task prefix (``vi: ...``)."""
    return spec.input_prefix + text


def model_output(spec: ModelSpec, text: str) -> str:
    """The decoded output without the model's answer prefix (``en: ...``) and with single spaces."""
    text = " ".join(text.split())
    prefix = spec.output_prefix.strip()
    if prefix and text.startswith(prefix):
        text = text[len(prefix) :].lstrip()
    return text


def tokenizer_kwargs(spec: ModelSpec) -> dict[str, Any]:
    """Arguments for ``AutoTokenizer.from_pretrained``: language-code families get their codes."""
    if spec.family not in LANGUAGE_CODE_FAMILIES:
        return {}
    return {"src_lang": spec.src_lang, "tgt_lang": spec.tgt_lang}


def prepare_tokenizer(spec: ModelSpec, tokenizer: Any) -> None:
    """Set the source language on the tokenizer (it then adds the source code token to every input)."""
    tokenizer.padding_side = "right"
    if spec.family in LANGUAGE_CODE_FAMILIES:
        if language_token_id(spec, tokenizer, spec.src_lang) is None:
            raise ConfigError(
                f"model '{spec.name}': its tokenizer has no source language code '{spec.src_lang}'"
            )
        tokenizer.src_lang = spec.src_lang
        if hasattr(tokenizer, "set_src_lang_special_tokens"):
            tokenizer.set_src_lang_special_tokens(spec.src_lang)


def language_token_id(spec: ModelSpec, tokenizer: Any, code: str) -> int | None:
    """The vocabulary id of a language code, or None when the tokenizer does not know it.

    M2M100 wraps codes as ``__en__`` (``get_lang_id``); NLLB and mBART-50 use the code as a token.
    """
    if spec.family == "m2m100":
        try:
            return int(tokenizer.get_lang_id(code))
        except (KeyError, AttributeError):
            return None
    token_id = tokenizer.convert_tokens_to_ids(code)
    if token_id is None or token_id == tokenizer.unk_token_id:
        return None
    return int(token_id)


def target_kwargs(spec: ModelSpec, tokenizer: Any) -> dict[str, Any]:
    """``generate`` arguments that make the output English: the target code as forced first token
    (or as decoder start token when the model was trained that way); none for T5 and Marian."""
    if spec.family not in LANGUAGE_CODE_FAMILIES:
        return {}
    token_id = language_token_id(spec, tokenizer, spec.tgt_lang)
    if token_id is None:
        raise ConfigError(f"model '{spec.name}': its tokenizer has no target language code '{spec.tgt_lang}'")
    if spec.tgt_lang_as == "decoder_start":
        return {"decoder_start_token_id": token_id}
    return {"forced_bos_token_id": token_id}


def decode(spec: ModelSpec, tokenizer: Any, ids: Sequence[int]) -> str:
    """The English of generated ids: without special tokens and the target language code (M2M100's
    tokenizer does not count its ``__en__`` as special and would leave it in the text), answer prefix
    stripped."""
    target_id = language_token_id(spec, tokenizer, spec.tgt_lang) if spec.tgt_lang else None
    kept = [int(i) for i in ids if int(i) != target_id]
    return model_output(spec, tokenizer.decode(kept, skip_special_tokens=True))


def ct2_target_prefix(spec: ModelSpec, tokenizer: Any) -> list[int] | None:
    """Token ids CTranslate2 is given as ``target_prefix``: the target language code, forced as the first
    output token (or, with ``tgt_lang_as: decoder_start``, the token decoding starts from); None for T5 and
    Marian."""
    if spec.family not in LANGUAGE_CODE_FAMILIES:
        return None
    return list(target_kwargs(spec, tokenizer).values())


def ct2_decoder_start(spec: ModelSpec, decoder_start_token_id: int) -> int | None:
    """The start token id written into a converted model: the model's own, or None when the target code
    starts decoding (``decoder_start`` mode: CTranslate2 then starts from the first target prefix token)."""
    if spec.family in LANGUAGE_CODE_FAMILIES and spec.tgt_lang_as == "decoder_start":
        return None
    return int(decoder_start_token_id)
