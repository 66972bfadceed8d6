"""The two web apps, served by waitress (`server`): the coordinators' and policy officers' workspace
(`werkplek`) and the gemeente's demo page with the chat widget (`site`). They share one stylesheet bridging the
NL Design System tokens (`static/huisstijl.css`). May import everything in `bot/` but `rasa_adapters` and
`runtime`."""
