"""The outline returned to writers; these dataclasses are the SPEC's outline JSON.

Beyond the SPEC's fields (additively), every source says its ``kind`` (a corpus document, or the
assistant's own data: an office profile, a topic module, the genre model), every section its
``basis`` (summaries of the asked kind of unit, common work from other offices' summaries, the
office profile, a topic module or the genre), and the outline its ``year`` and ``coverage``: how
many summaries of that kind of unit the corpus has and, for the writer, what it stands on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import Field

from assistant.contract import WIRE
from assistant.genre.table import Role

# What a part stands on: summaries of the asked kind of unit, common work from other offices'
# summaries, the office profile, a topic module, or the genre.
Basis = Literal["same_type", "common_work", "profile", "topic_module", "genre"]
SourceKind = Literal["corpus", "profile", "topic", "genre"]

Phrasing = Annotated[
    list[str],
    Field(
        description="可参考的表述（数字、地名等为待填的占位）",
        examples=[["今年以来，我局在县委、县政府的正确领导下，扎实推进各项工作。"]],
    ),
]
Sources = Annotated[
    list[str], Field(description="引用的来源编号（见 sources）", examples=[["S1", "S2"]])
]


@dataclass(frozen=True)
class SourceRef:
    """A source the outline cites: a corpus document, or the assistant's own data."""

    __pydantic_config__ = WIRE

    document: Annotated[
        str,
        Field(
            description="语料文档编号，或内置资料：profile:单位资料、topic:专题资料、genre:文种结构",
            examples=["seed-08"],
        ),
    ]
    title: Annotated[
        str,
        Field(description="文档标题（名称已换成占位）", examples=["〔地名〕农机局年度工作总结"]),
    ]
    office_type: Annotated[str, Field(description="文档的单位类型", examples=["农机局"])]
    excerpt: Annotated[
        str, Field(description="引用的原文片段", examples=["加强队伍建设，提高干部素质和业务水平"])
    ]
    kind: Annotated[
        SourceKind,
        Field(description="来源种类：语料文档，或内置的单位、专题、文种资料", examples=["corpus"]),
    ] = "corpus"


@dataclass
class Block:
    """The opening: phrasing and its sources."""

    phrasing: Phrasing
    sources: Sources


@dataclass
class OutlineSection:
    """A numbered part (GB/T 9704 numbering) with phrasing, sources and sub-parts."""

    __pydantic_config__ = WIRE

    number: Annotated[str, Field(description="GB/T 9704 编号", examples=["一、"])]
    level: Annotated[int, Field(ge=1, description="层级（一、为 1，（一）为 2）", examples=[1])]
    role: Annotated[Role, Field(description="该部分在总结中的作用", examples=["achievements"])]
    heading: Annotated[
        str, Field(description="标题", examples=["加强队伍建设，提高干部素质和业务水平"])
    ]
    phrasing: Phrasing
    sources: Sources
    children: Annotated[
        list[OutlineSection], Field(description="下一级部分（结构相同）", examples=[[]])
    ] = field(default_factory=list)
    basis: Annotated[
        Basis,
        Field(
            description="该部分的依据：同类单位总结、其他单位总结中的通用工作、单位资料、"
            "专题资料或文种结构",
            examples=["profile"],
        ),
    ] = "same_type"


@dataclass(frozen=True)
class Coverage:
    """What the outline stands on."""

    office_summaries: Annotated[
        int, Field(ge=0, description="语料中该类单位的工作总结篇数", examples=[0])
    ]
    profile: Annotated[
        str | None, Field(description="所用的单位资料（键名）", examples=["finance"])
    ]
    topic: Annotated[
        str | None, Field(description="所用的专题资料（键名），专项总结时有", examples=[None])
    ]
    note: Annotated[
        str,
        Field(
            description="给写作者的说明：提纲依据什么生成",
            examples=["语料中没有财政局的工作总结（0 篇）：主要工作依据财政局的单位资料……"],
        ),
    ]


@dataclass
class Outline:
    """An outline: title, opening and parts, each citing sources listed in ``sources``."""

    __pydantic_config__ = WIRE

    office_type: Annotated[str, Field(description="请求的单位类型", examples=["县农机局"])]
    matched_office_type: Annotated[
        str,
        Field(description="匹配到的单位类型；没有匹配的单位类型时为空", examples=["农机局"]),
    ]
    period: Annotated[str, Field(description="时段", examples=["上半年"])]
    title: Annotated[
        str, Field(description="总结标题", examples=["XX县农机局2026年上半年工作总结"])
    ]
    opening: Block
    sections: list[OutlineSection]
    sources: Annotated[dict[str, SourceRef], Field(description="来源编号 -> 来源")]
    year: Annotated[int, Field(description="总结所属的年份", examples=[2026])] = 0
    coverage: Annotated[Coverage | None, Field(description="提纲依据的材料及说明")] = None
