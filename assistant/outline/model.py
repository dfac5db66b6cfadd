"""The outline returned to writers; these dataclasses are the SPEC's outline JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field

from assistant.contract import WIRE
from assistant.genre.table import Role

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
    """A source the outline cites: a corpus document and the excerpt used."""

    document: Annotated[str, Field(description="文档编号", examples=["seed-08"])]
    title: Annotated[str, Field(description="文档标题", examples=["和田县农机局年度工作总结"])]
    office_type: Annotated[str, Field(description="文档的单位类型", examples=["农机局"])]
    excerpt: Annotated[
        str, Field(description="引用的原文片段", examples=["加强队伍建设，提高干部素质和业务水平"])
    ]


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


@dataclass
class Outline:
    """An outline: title, opening and parts, each citing sources listed in ``sources``."""

    office_type: Annotated[str, Field(description="请求的单位类型", examples=["县农机局"])]
    matched_office_type: Annotated[
        str, Field(description="参照的语料单位类型（多个时以“、”分隔）", examples=["农机局"])
    ]
    period: Annotated[str, Field(description="时段", examples=["上半年"])]
    title: Annotated[
        str, Field(description="总结标题", examples=["XX县农机局2026年上半年工作总结"])
    ]
    opening: Block
    sections: list[OutlineSection]
    sources: Annotated[dict[str, SourceRef], Field(description="来源编号 -> 来源")]
