print("postdesk")
