"""The class across laptops: MQTT contract, broker adapters, the teacher's hub, dashboard and report.

`contract` is shared by the teacher's side (`leanbot class serve`) and the student's side
(`leanbot class join`): topic names, payload shapes, the join code and the broker access rules.
"""
