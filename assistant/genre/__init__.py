"""The genre of the 工作总结: numbering, parts and roles, periods, topics, office profiles."""
