"""InnoLadder: 科创企业梯度培育平台."""

__version__ = "0.1.0"
